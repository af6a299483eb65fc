/** Finds a required element of the host page, or fails loudly at start. */
export function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`Host page markup: #${id} is missing.`);
  return found;
}

/** Replaces a select's options, keeping the given value selected. */
export function setOptions(
  select: HTMLSelectElement,
  options: readonly { value: string; label: string }[],
  selected: string,
): void {
  select.replaceChildren(
    ...options.map(({ value, label }) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      option.selected = value === selected;
      return option;
    }),
  );
}
