import { afterEach, describe, expect, it, vi } from 'vitest';
import { askAboutHubLink, hubLinkDecision, onHubLinkAccepted, pendingHubLinkQuestion, savedHubUrl } from './useHubLink';

/** A Storage in memory, as the browser's localStorage and sessionStorage. */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
    key: (i: number) => [...data.keys()][i] ?? null,
    get length() {
      return data.size;
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("a link's ?hub=", () => {
  it('is nothing without ?hub=, the same for the saved hub, invalid for anything but http(s), a question otherwise', () => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('sessionStorage', memoryStorage());
    expect(hubLinkDecision('?model=default')).toEqual({ kind: 'none' });
    expect(hubLinkDecision('?hub=https://huggingface.co/')).toEqual({ kind: 'same', hubUrl: 'https://huggingface.co' });
    expect(hubLinkDecision('?hub=javascript:alert(1)').kind).toBe('invalid');
    expect(hubLinkDecision('?hub=http://127.0.0.1:4620')).toEqual({ kind: 'ask', hubUrl: 'http://127.0.0.1:4620' });
    // a look-alike of the saved hub is another hub
    expect(hubLinkDecision('?hub=https://huggingface.co.evil.example').kind).toBe('ask');
  });

  it('accepted without remembering: this tab only; remembered: the saved hub; declined: nothing kept', async () => {
    const local = memoryStorage();
    vi.stubGlobal('localStorage', local);
    vi.stubGlobal('sessionStorage', memoryStorage());
    const heard: string[] = [];
    const stop = onHubLinkAccepted((url, remembered) => heard.push(`${url} ${remembered}`));

    const no = askAboutHubLink('http://a.example');
    expect(pendingHubLinkQuestion()!.url).toBe('http://a.example');
    answerPending({ accept: false, remember: false });
    expect(await no).toEqual({ accept: false, remember: false });
    expect(hubLinkDecision('?hub=http://a.example').kind).toBe('ask');

    const tab = askAboutHubLink('http://a.example');
    answerPending({ accept: true, remember: false });
    await tab;
    expect(hubLinkDecision('?hub=http://a.example').kind).toBe('same');
    expect(savedHubUrl()).toBe('https://huggingface.co');

    vi.stubGlobal('sessionStorage', memoryStorage()); // a new tab
    expect(hubLinkDecision('?hub=http://a.example').kind).toBe('ask');
    const kept = askAboutHubLink('http://a.example');
    answerPending({ accept: true, remember: true });
    await kept;
    expect(savedHubUrl()).toBe('http://a.example');
    expect(hubLinkDecision('?hub=http://a.example').kind).toBe('same');
    expect(heard).toEqual(['http://a.example false', 'http://a.example true']);
    stop();
  });
});

/** Answers the question now pending, as its buttons do. */
function answerPending(answer: { accept: boolean; remember: boolean }) {
  pendingHubLinkQuestion()!.answer(answer);
  expect(pendingHubLinkQuestion()).toBeNull();
}
