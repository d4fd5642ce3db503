// Syntax colouring for illusion's assembly (docs/assembly.md) as a
// CodeMirror stream mode: comments, labels, mnemonics, directives,
// registers, numbers, characters and strings.
import { StreamLanguage, type StreamParser } from '@codemirror/language';

const REGISTER = /^(r1[0-5]|r[0-9]|zero|fp|sp|ra)\b/i;
const NUMBER = /^-?(0x[0-9a-f]+|0b[01]+|[0-9]+)\b/i;
const NAME = /^[A-Za-z_][A-Za-z0-9_.$]*/;

interface State {
  /** Whether the line's mnemonic or directive has been seen. */
  sawOp: boolean;
}

const parser: StreamParser<State> = {
  name: 'illusion-asm',
  startState: () => ({ sawOp: false }),
  token(stream, state) {
    if (stream.sol()) state.sawOp = false;
    if (stream.eatSpace()) return null;
    const c = stream.peek();
    if (c === ';' || c === '#') {
      stream.skipToEnd();
      return 'comment';
    }
    if (c === '"') {
      stream.next();
      while (!stream.eol()) {
        const ch = stream.next();
        if (ch === '\\') stream.next();
        else if (ch === '"') break;
      }
      return 'string';
    }
    if (c === "'") {
      stream.match(/^'(\\.|[^'\\])'/) || stream.next();
      return 'string';
    }
    if (stream.match(/^\.[A-Za-z]+/)) {
      state.sawOp = true;
      return 'keyword';
    }
    if (stream.match(NUMBER)) return 'number';
    if (!state.sawOp && stream.match(/^[A-Za-z_][A-Za-z0-9_.$]*(?=\s*:)/)) return 'labelName';
    if (stream.match(REGISTER)) return 'variableName.special';
    if (stream.match(NAME)) {
      if (!state.sawOp) {
        state.sawOp = true;
        return 'keyword';
      }
      return 'variableName';
    }
    stream.next();
    return c === ':' ? 'punctuation' : null;
  },
  languageData: { commentTokens: { line: ';' } },
};

export const asmLanguage = StreamLanguage.define(parser);
