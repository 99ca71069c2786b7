import { expect, it } from "vitest";
import { SOUND_LOAD_ERROR } from "./instruments";
import { playbackProblem } from "./use-player";

it("says which sounds did not load and what to do, not a developer's command; other failures are audio that would not start", () => {
  const notLoaded = Object.assign(new Error("piano: 404 Not Found"), { name: SOUND_LOAD_ERROR });
  expect(playbackProblem(notLoaded)).toBe("The sounds could not be loaded (piano: 404 Not Found); check the connection and press Play to try again");
  expect(playbackProblem(new Error("The AudioContext was not allowed to start"))).toBe("Audio could not start: The AudioContext was not allowed to start");
});
