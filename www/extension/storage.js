// claimmark's storage in the extension, shared by the content script (injected before content.js)
// and the extension page that runs claimmark when a page forbids WebAssembly (frame.html): a
// Storage-like object over an in-memory copy of chrome.storage.local, written through. The widget
// reads and writes synchronously; chrome.storage.local is asynchronous, so it is read once before
// mounting. Keys that are not the widget's (the hand-over below) are left out of the copy.
globalThis.claimmarkExtensionStorage ??= async function extensionStorage() {
  const all = await chrome.storage.local.get(null);
  const items = new Map(Object.entries(all).filter(([key]) => !key.startsWith('claimmark-ext-handoff:')));
  const report = (e) => console.error('claimmark: chrome.storage.local:', e);
  return {
    getItem: (key) => (items.has(key) ? String(items.get(key)) : null),
    setItem(key, value) {
      items.set(key, String(value));
      chrome.storage.local.set({ [key]: String(value) }).catch(report);
    },
    removeItem(key) {
      items.delete(key);
      chrome.storage.local.remove(key).catch(report);
    },
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
};
