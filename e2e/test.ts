import { test as base } from "@playwright/test";

/**
 * Playwright's `test`, closing every browser context a test opened (people.ts's newUser, a spec's own) when it ends.
 * The browser lives for the whole run: contexts left open kept their pages drawing, playing and syncing, so each
 * spec ran slower than the one before (a CI run's 18th spec took 2 minutes against 22 s alone).
 */
export const test = base.extend<{ closeContexts: void }>({
  closeContexts: [
    async ({ browser }, use) => {
      await use();
      await Promise.all(browser.contexts().map((context) => context.close()));
    },
    { auto: true },
  ],
});
