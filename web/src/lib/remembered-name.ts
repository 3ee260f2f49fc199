// The name a citizen gave last, remembered in this browser so the next question or chat message
// does not ask for it again (live sessions and the question board share it).
const NAME_KEY = 'namesti:name';

export function readName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch (error) {
    console.warn('could not read the remembered name', error);
    return '';
  }
}

export function rememberName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch (error) {
    // Private mode or a full quota: the name is then simply not remembered.
    console.warn('could not remember the name', error);
  }
}
