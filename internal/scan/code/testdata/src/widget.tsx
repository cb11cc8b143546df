import React from 'react';

type Props = { html: string; id?: number };

export function Widget({ html }: Props): JSX.Element {
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}

export function render(el: HTMLElement, value: string): void {
  el.innerHTML = value;
}

export const requestId = (): string => Math.random().toString(16);
