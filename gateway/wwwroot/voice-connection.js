// A browser connection to the gateway's /v1/realtime (the OpenAI Realtime protocol over WebSocket). It sends the
// API key as a Sec-WebSocket-Protocol value, because browsers cannot set headers on a WebSocket, and after a drop
// it reconnects to the same conversation, asking for the events after the last voicehelper_seq it processed.

import { VoiceError } from "./voice-audio.js";

const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

// The close code of a connection that a newer connection to the same conversation replaced.
const CLOSE_REPLACED = 1008;

export class RealtimeConnection {
  /**
   * `onEvent(event)` receives each server event once, in order. `onStatus(status, detail)` hears of "reconnecting"
   * (detail: the attempt number), "resumed", "replaced" and "lost". After "replaced" and "lost" the connection is
   * closed for good.
   */
  constructor({ key, model, conversationId, onEvent, onStatus }) {
    this.key = key;
    this.model = model;
    this.conversationId = conversationId;
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.socket = null;
    this.lastSeq = null;
    this.closed = false;
  }

  static get maxReconnectAttempts() {
    return RECONNECT_DELAYS_MS.length;
  }

  /** Opens the first connection. Rejects with a VoiceError when it fails before it opens. */
  async connect() {
    try {
      await this.open();
    } catch (code) {
      throw new VoiceError(`The voice connection to /v1/realtime failed (WebSocket close code ${code}). Check ` +
        "that the gateway is running, and that Realtime:AllowedOrigins lists this page's origin when the page is " +
        "served from another host.");
    }
  }

  get isOpen() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends a client event. Returns false, and sends nothing, while the connection is not open. */
  send(event) {
    if (!this.isOpen) {
      return false;
    }

    this.socket.send(JSON.stringify(event));
    return true;
  }

  close() {
    this.closed = true;
    this.socket?.close(1000, "voice stopped");
    this.socket = null;
  }

  // Opens a socket and resolves when it is open, or rejects with the close code when it closes before that.
  open() {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url(), ["realtime", `openai-insecure-api-key.${this.key}`]);
      this.socket = socket;
      let opened = false;
      socket.onopen = () => {
        opened = true;
        resolve();
      };
      socket.onmessage = (message) => this.receive(message.data);
      socket.onclose = (event) => {
        if (!opened) {
          reject(event.code);
        } else if (socket === this.socket && !this.closed) {
          this.dropped(event.code);
        }
      };
    });
  }

  url() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const query = new URLSearchParams({ model: this.model });
    if (this.conversationId) {
      query.set("conversation_id", this.conversationId);
      if (this.lastSeq !== null) {
        query.set("voicehelper_last_seq", String(this.lastSeq));
      }
    }

    return `${scheme}://${location.host}/v1/realtime?${query}`;
  }

  receive(data) {
    const event = JSON.parse(data);
    const seq = event.voicehelper_seq;
    // A resumed connection starts after lastSeq, so this only guards against a server that sends an event twice.
    if (typeof seq === "number" && this.lastSeq !== null && seq <= this.lastSeq) {
      return;
    }

    if (event.type === "session.created") {
      this.conversationId = event.session?.voicehelper?.conversation_id ?? this.conversationId;
    }

    this.onEvent(event);
    if (typeof seq === "number") {
      this.lastSeq = seq;
    }
  }

  async dropped(code) {
    if (code === CLOSE_REPLACED) {
      this.closed = true;
      this.onStatus("replaced");
      return;
    }

    for (let attempt = 0; attempt < RECONNECT_DELAYS_MS.length; attempt++) {
      this.onStatus("reconnecting", attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAYS_MS[attempt]));
      if (this.closed) {
        return;
      }

      try {
        await this.open();
        this.onStatus("resumed");
        return;
      } catch {
        // The next attempt waits longer.
      }
    }

    this.closed = true;
    this.onStatus("lost");
  }
}
