// The assembler's public API: source to program image, image to bytes and
// back, and disassembly. Everything else in asm/ is internal.
export { assemble, type AssembleOptions, type AssembleResult } from './assemble.js';
export { MAX_INCLUDES, MAX_SOURCE_CHARS, resolveIncludePath, type IncludeReader } from './include.js';
export { decodeSourceText } from './sourceText.js';
export { parseDefine, type Defines } from './defines.js';
export { formatAsmError, type AsmError } from './errors.js';
export { encodeImage, decodeImage, looksLikeImage, IMAGE_FORMAT_VERSION, type DecodeResult } from './imageFormat.js';
export { escapeControlChars, firstControlChar } from './controlChars.js';
export { loadProgramFile, MAX_FILE_BYTES, readIncludeFile, readProgramBytes, type LoadResult } from './load.js';
export { disassembleWord, disassembleImage, disassemblyLines, disassembleToSource, type DisassembleOptions } from './disassemble.js';
export * from './image.js';
