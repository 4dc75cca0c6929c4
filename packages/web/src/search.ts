/** Lower-cases and strips accents, so that searching is forgiving: "cacak" finds "Čačak" and "skopje" finds "Skopje". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}
