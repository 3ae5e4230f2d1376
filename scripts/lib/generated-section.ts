/**
 * A generated block inside a hand-written file: the lines between a begin and an end marker belong
 * to a generator, everything around them to people. docker-compose.yml keeps its infrastructure
 * (broker, database, docs) hand-written and its app services generated, in one file, because
 * `docker compose up` reads one file by default.
 */
export interface SectionMarkers {
  begin: string;
  end: string;
}

/** The lines between the markers (without them); throws when the file lacks either marker. */
export function sectionOf(text: string, markers: SectionMarkers): string {
  const { head, tail } = split(text, markers);
  return text.slice(head.length, text.length - tail.length);
}

/** The file with the lines between the markers replaced by `section`. */
export function replaceSection(text: string, markers: SectionMarkers, section: string): string {
  const { head, tail } = split(text, markers);
  return `${head}${section}${tail}`;
}

function split(text: string, { begin, end }: SectionMarkers): { head: string; tail: string } {
  const lines = text.split('\n');
  const b = lines.findIndex((line) => line.trim() === begin.trim());
  const e = lines.findIndex((line, i) => i > b && line.trim() === end.trim());
  if (b < 0 || e < 0) {
    throw Object.assign(new Error(`the file has no generated section: put the lines "${begin.trim()}" and "${end.trim()}" where it goes`), { code: 'ERR_NO_GENERATED_SECTION' });
  }
  return { head: `${lines.slice(0, b + 1).join('\n')}\n`, tail: lines.slice(e).join('\n') };
}
