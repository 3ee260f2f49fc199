// The speaker's own Socket.IO connection for sending to the stage. The server treats each
// connection as one media peer, and a second media:join on the page's connection would close
// the player's receiving transport; a connection of its own (same cookies, so the same
// citizen) keeps watching and speaking apart.
import { emitOn, openSocket, type AppSocket } from '$lib/realtime/socket';

export const openStageSocket = (): AppSocket => openSocket(true);

/** emitWithAck on this connection instead of the page's. */
export const ask = emitOn;
