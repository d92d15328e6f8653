/**
 * Passwords refused outright: the most common choices in published breach corpora, plus the
 * obvious ones for a news site. Compared case-insensitively. Kept short on purpose; length rules
 * do most of the work.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456', '123456789', '12345678', '1234567890', '12345', '1234567', 'password', 'password1', 'password12',
  'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty', 'qwerty123', 'qwertyuiop',
  'qwerty1234', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'zaq12wsx', 'abc123', 'abcd1234', 'abcdef', 'abcdefgh',
  'abcdefghij', '111111', '000000', '1111111111', '0000000000', '123123', '123123123', '654321', '987654321',
  '9876543210', '666666', '7777777', '88888888', '121212', 'iloveyou', 'iloveyou1', 'iloveyou123', 'letmein',
  'letmein123', 'welcome', 'welcome1', 'welcome123', 'monkey', 'monkey123', 'dragon', 'dragon123', 'sunshine',
  'sunshine1', 'princess', 'princess1', 'football', 'football1', 'baseball', 'soccer', 'superman', 'batman',
  'trustno1', 'shadow', 'master', 'master123', 'starwars', 'whatever', 'freedom', 'michael', 'jennifer',
  'computer', 'internet', 'administrator', 'admin', 'admin123', 'admin1234', 'adminadmin', 'root', 'changeme',
  'changeme123', 'secret', 'secret123', 'default', 'guest', 'test', 'test1234', 'testtest', 'asdfghjkl',
  'asdfasdf', 'asdf1234', 'zxcvbnm', 'zxcvbnm123', 'qazwsx', 'q1w2e3r4', 'q1w2e3r4t5', 'aa123456', 'a123456',
  'a1b2c3d4', 'loveme', 'lovely', 'hello123', 'helloworld', 'whatever1', 'newspaper', 'journalist',
  'comments', 'commenter', 'parley', 'parley123', 'moderator', 'news1234', 'breakingnews',
]);
