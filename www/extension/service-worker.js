// claimmark's service worker: a click on the action, or its command (Alt+Shift+K, which is
// `_execute_action` in the manifest and so arrives as the same click), injects the content script
// (after storage.js, which it uses) into the current tab. activeTab grants exactly that tab, for
// that click; there are no host permissions.
chrome.action.onClicked.addListener(async (tab) => {
  if (tab.id === undefined) return;
  try {
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['storage.js', 'content.js'] });
  } catch (e) {
    // Pages no extension may script (chrome://, the Web Store): say so on the action's badge.
    await chrome.action.setBadgeText({ tabId: tab.id, text: '!' });
    await chrome.action.setTitle({ tabId: tab.id, title: `claimmark cannot run on this page: ${e.message}` });
  }
});
