// Splitting a command line the way a POSIX shell would for a simple command: quotes, backslashes,
// leading VAR=value assignments (ETCDCTL_API=3) and an optional leading "etcdctl".

/** A command line a shell would reject (an unterminated quote). */
export class ShellError extends Error {}

/** Splits a command line into words as sh does (no expansions). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellError("unexpected EOF while looking for matching `''");
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`\n'.includes(line[j + 1])) {
          if (line[j + 1] !== '\n') cur += line[j + 1];
          j++;
        } else cur += line[j];
      }
      if (j >= line.length) throw new ShellError('unexpected EOF while looking for matching `"\'');
      i = j;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < line.length && line[i + 1] !== '\n') cur += line[i + 1];
      i++;
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** The words of an etcdctl command line: environment assignments and the args after "etcdctl". */
export function splitCommandLine(line: string): { env: Map<string, string>; args: string[] } {
  const words = shellWords(line);
  const env = new Map<string, string>();
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const w = words.shift()!;
    const eq = w.indexOf('=');
    env.set(w.slice(0, eq), w.slice(eq + 1));
  }
  if (words.length > 0 && /(^|\/)etcdctl$/.test(words[0])) words.shift();
  return { env, args: words };
}
