import { DockerfileParser, Instruction, JSONInstruction } from 'dockerfile-ast';
import { lineEndingOf, startOfLine, TextEdit } from '../textEdits';

type Position = { line: number; character: number };

/** A Dockerfile parsed with dockerfile-ast, with what the Dockerfile fixes edit. */
export class DockerfileDocument {
  readonly eol: string;
  readonly instructions: Instruction[];
  /** The final stage's instructions, its FROM first. */
  readonly finalStage: Instruction[];
  private readonly lineStarts: number[];

  constructor(readonly path: string, readonly text: string) {
    this.eol = lineEndingOf(text);
    this.instructions = DockerfileParser.parse(text).getInstructions();
    const froms = this.instructions.flatMap((instruction, index) =>
      instruction.getKeyword() === 'FROM' ? [index] : [],
    );
    this.finalStage = this.instructions.slice(
      froms.length ? froms[froms.length - 1] : 0,
    );
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++)
      if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  /** A (line, character) position as an index into the text. */
  offset(position: Position): number {
    return (
      (this.lineStarts[position.line] ?? this.text.length) + position.character
    );
  }

  /** The final stage's last instruction with this keyword. */
  last(keyword: string): Instruction | undefined {
    return this.finalStage.filter(i => i.getKeyword() === keyword).pop();
  }

  /** The image the final stage starts from, following `FROM <earlier stage>`. */
  baseImage(): string | undefined {
    const froms = this.instructions.filter(i => i.getKeyword() === 'FROM');
    const stages = new Map<string, string>();
    for (const from of froms) {
      const [image, as, name] = from.getArguments().map(a => a.getValue());
      if (as?.toUpperCase() === 'AS' && name && image) stages.set(name, image);
    }
    let image: string | undefined = froms[froms.length - 1]
      ?.getArguments()[0]
      ?.getValue();
    for (
      let hops = 0;
      image && stages.has(image) && hops < froms.length;
      hops++
    )
      image = stages.get(image);
    return image;
  }

  /**
   * Where instructions that must come before the server starts go: above the final
   * stage's first CMD/ENTRYPOINT and the comment lines directly above it, else at the end.
   */
  insertionPoint(): number {
    const command = this.finalStage.find(i =>
      ['CMD', 'ENTRYPOINT'].includes(i.getKeyword()),
    );
    if (!command) return this.text.length;
    let at = startOfLine(this.text, this.offset(command.getRange().start));
    while (at > 0) {
      const previous = startOfLine(this.text, at - 1);
      if (!this.text.slice(previous, at).trimStart().startsWith('#')) break;
      at = previous;
    }
    return at;
  }

  /** Lines inserted at `at` (a line start, or the end of the file). */
  insertLines(at: number, lines: string[]): TextEdit {
    const separator =
      at === this.text.length && this.text.length && !this.text.endsWith('\n')
        ? this.eol
        : '';
    return {
      start: at,
      end: at,
      text: separator + lines.map(line => line + this.eol).join(''),
    };
  }
}

/** The exec-form (JSON) arguments of a CMD/ENTRYPOINT, or undefined for the shell form. */
export function execForm(instruction: Instruction) {
  if (!(instruction instanceof JSONInstruction)) return undefined;
  const open = instruction.getOpeningBracket();
  const close = instruction.getClosingBracket();
  if (!open || !close) return undefined;
  return { close, strings: instruction.getJSONStrings() };
}
