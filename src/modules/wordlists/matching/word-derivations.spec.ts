import { derivations, uninflect } from './word-derivations';

describe('derivations', () => {
  it.each([
    ['idiots', ['idiot']],
    ['asses', ['ass', 'asse']],
    ['pussies', ['pussy', 'pussie']],
    ['fucking', ['fuck', 'fucke']],
    ['fuckin', ['fuck']],
    ['shitting', ['shitt', 'shit', 'shitte']],
    ['raped', ['rap', 'rape']],
    ['spices', ['spice']],
    ['cumin', []],
    ['class', []],
  ])('uninflects %s', (word, stems) => {
    expect(uninflect(word)).toEqual(stems);
  });

  it('finds the listed word inside a compound, and nothing in a word on the allow list', () => {
    expect(derivations('dumbasses')).toEqual(expect.arrayContaining(['dumbass', 'ass']));
    expect(derivations('shitheads')).toEqual(expect.arrayContaining(['shithead', 'shit']));
    expect(derivations('cocking')).toEqual([]);
  });
});
