// The one place a page listens for the session's activity events and asks for what it may have missed: on every
// (re)connect it sends its clock, and the server answers with everything as it is now and the server's clock, from
// which the page reckons the offset it counts down with. Used by the activity bar (session page) and the stage
// (projector), one per page.
import { activities, apply, synced } from "studyhall/activities.js";
import { onConnect, onEvent } from "studyhall";

export function follow(component, sessionId) {
  activities.send = (name, args) => component.$emit(name, args);
  const offEvent = onEvent(sessionId, (event) => {
    if (event.type === "activities.synced") synced(event, event.sent_at);
    else if (event.type === "hub.resynced") component.$emit("sync", { sent_at: Date.now() }); // updates were missed
    else apply(event);
  });
  const offConnect = onConnect(() => component.$emit("sync", { sent_at: Date.now() }));
  return () => {
    offEvent();
    offConnect();
    activities.send = null;
  };
}
