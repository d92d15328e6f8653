/**
 * On a run of several files jest only counts skipped tests. This reporter adds one line per group
 * of skipped tests, naming the group: its title says what it needs (e.g. "[needs root]",
 * "[needs Redis: …]"), so a skip is never silent about why.
 */
class SkippedReporter {
  onRunComplete(_contexts, results) {
    const groups = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status !== 'pending' && test.status !== 'skipped') continue;
        const title = test.ancestorTitles[0] ?? test.title;
        groups.set(title, (groups.get(title) ?? 0) + 1);
      }
    }
    for (const [title, count] of groups) {
      process.stderr.write(`skipped ${count} test${count === 1 ? '' : 's'}: ${title}\n`);
    }
  }
}

module.exports = SkippedReporter;
