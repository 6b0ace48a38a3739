// Spoken turns of the conversation view: the microphone streams to /v1/realtime, in hands-free mode (the server's
// voice activity detection ends each turn) or push-to-talk mode (the page commits the turn when the button is
// released). The transcript and the answer appear in the same list as typed turns, and the answer's audio plays as
// it arrives. Speech over the answer stops it and tells the server how much of it was heard.

import { AnswerPlayer, PLAYBACK_RATE, VoiceError, openMicrophone } from "./voice-audio.js";
import { RealtimeConnection } from "./voice-connection.js";

// The maximum microphone audio kept while the session is not configured yet: 10 s in 40 ms chunks.
const MAX_EARLY_CHUNKS = 250;

// Push-to-talk turns shorter than this are dropped, because the server needs at least 100 ms of audio for a commit.
const MIN_TALK_MS = 250;

const byId = (id) => document.getElementById(id);

function toBase64(buffer) {
  return btoa(String.fromCharCode(...new Uint8Array(buffer)));
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
}

/**
 * The voice controls. `page` gives what the rest of the page owns: `key()`, `knowledgeBaseId()`,
 * `conversationId()`, `conversationStarted(id)` for a conversation that the voice session created, `turnView(role,
 * modality)` to add a turn to the list, and `describeFailure(error)` to turn a failed connection into a message.
 */
export class VoicePanel {
  constructor(page) {
    this.page = page;
    this.session = null;
  }

  get active() {
    return this.session !== null;
  }

  mode() {
    return document.querySelector("input[name=voice-mode]:checked").value;
  }

  async start() {
    this.showError(null);
    const knowledgeBaseId = this.page.knowledgeBaseId();
    if (!knowledgeBaseId) {
      throw new VoiceError("Pick or create a knowledge base before you start voice.");
    }

    this.setState("connecting", "Opening the microphone…");
    const context = new AudioContext();
    const session = {
      context,
      connection: null,
      microphone: null,
      player: new AnswerPlayer(context, (playing) => this.playingChanged(playing)),
      rate: 0,
      configured: false,
      earlyChunks: [],
      listeningItem: null,
      muted: false,
      speaking: false,
      talking: false,
      awaitingAnswer: false,
      flushing: false,
      talkStarted: 0,
      responseActive: false,
      userTurns: new Map(),
      answerTurns: new Map(),
      itemResponses: new Map(),
      untitled: false,
    };
    this.session = session;
    try {
      await context.resume();
      session.microphone = await openMicrophone(context, (buffer) => this.captured(session, buffer));
      session.rate = session.microphone.rate;
      this.setState("connecting", "Connecting to the voice service…");
      session.connection = new RealtimeConnection({
        key: this.page.key(),
        model: knowledgeBaseId,
        conversationId: this.page.conversationId(),
        onEvent: (event) => this.handle(session, event),
        onStatus: (status, detail) => this.connectionStatus(session, status, detail),
      });
      await this.connectOrExplain(session.connection);
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  async connectOrExplain(connection) {
    try {
      await connection.connect();
    } catch (error) {
      // Browsers hide the HTTP status of a refused WebSocket, so a REST call finds the likely reason.
      throw (await this.page.describeFailure()) ?? error;
    }
  }

  stop() {
    const session = this.session;
    if (!session) {
      return;
    }

    this.session = null;
    session.connection?.close();
    session.microphone?.close();
    session.player.stop();
    session.context.close();
    this.setState("off", "Voice is off.");
    this.showTalking(false);
    this.showMuted(false);
  }

  // Muting releases the microphone, so the browser shows that nothing records, and unmuting opens it again. A turn
  // that the server is hearing when the microphone is muted ends there.
  async setMuted(muted) {
    const session = this.session;
    if (!session || session.muted === muted) {
      return;
    }

    session.muted = muted;
    this.showMuted(muted);
    if (muted) {
      await this.stopTalking();
      const microphone = session.microphone;
      session.flushing = true;
      await microphone.flush();
      session.flushing = false;
      session.microphone = null;
      microphone.close();
      if (session.speaking && this.mode() === "hands-free") {
        session.connection.send({ type: "input_audio_buffer.commit" });
      }

      this.setState("listening", "The microphone is muted.");
    } else {
      session.microphone = await openMicrophone(session.context, (buffer) => this.captured(session, buffer));
      this.setState("listening", "The microphone is on again.");
    }
  }

  showMuted(muted) {
    const button = byId("voice-mute");
    button.setAttribute("aria-pressed", String(muted));
    button.textContent = muted ? "Unmute microphone" : "Mute microphone";
  }

  // Sends the current mode to the server: server VAD for hands-free, no turn detection for push-to-talk.
  configure() {
    const session = this.session;
    if (!session) {
      return;
    }

    const handsFree = this.mode() === "hands-free";
    byId("push-to-talk").hidden = handsFree;
    session.connection.send({
      type: "session.update",
      session: {
        type: "realtime",
        audio: {
          input: {
            format: { type: "audio/pcm", rate: session.rate },
            turn_detection: handsFree ? { type: "server_vad" } : null,
          },
          output: { format: { type: "audio/pcm", rate: PLAYBACK_RATE } },
        },
      },
    });
  }

  captured(session, buffer) {
    const sending = (this.mode() === "hands-free" && !session.muted) || session.talking || session.flushing;
    if (!sending) {
      return;
    }

    // The service reads audio in its default format until session.update takes effect, so audio captured before
    // session.updated waits, and the first words are not lost.
    if (!session.configured) {
      session.earlyChunks.push(buffer);
      if (session.earlyChunks.length > MAX_EARLY_CHUNKS) {
        session.earlyChunks.shift();
      }

      return;
    }

    if (session.connection?.isOpen) {
      session.connection.send({ type: "input_audio_buffer.append", audio: toBase64(buffer) });
    }
  }

  // Push-to-talk -------------------------------------------------------------------------------------------------

  startTalking() {
    const session = this.session;
    if (!session || session.talking || session.muted || this.mode() !== "push-to-talk") {
      return;
    }

    session.talking = true;
    session.talkStarted = performance.now();
    this.showTalking(true);
    this.interrupt(session);
    session.connection.send({ type: "input_audio_buffer.clear" });
    this.setState("listening", "Recording. Release the button to send.");
  }

  async stopTalking() {
    const session = this.session;
    if (!session?.talking) {
      return;
    }

    session.talking = false;
    session.flushing = true;
    this.showTalking(false);
    await session.microphone?.flush();
    session.flushing = false;
    if (performance.now() - session.talkStarted < MIN_TALK_MS) {
      session.connection.send({ type: "input_audio_buffer.clear" });
      this.setState("listening", "That was too short. Hold the button while you speak.");
      return;
    }

    // The answer is requested once the turn is recognized: the service answers the latest recognized user item, and
    // with none it speaks its greeting.
    session.awaitingAnswer = true;
    session.connection.send({ type: "input_audio_buffer.commit" });
    this.setState("listening", "Recognizing…");
  }

  showTalking(talking) {
    const button = byId("push-to-talk");
    button.setAttribute("aria-pressed", String(talking));
    button.textContent = talking ? "Release to send" : "Hold to talk";
  }

  // Hands-free barge-in, first half: the answer's audio stops at once, but the answer is not ended yet. The service
  // decides once the sound is recognized: a real turn cancels the response, and the page then reports how much it
  // played (see response.done); a sound without words, such as a cough, resumes the same item's audio, which plays
  // as it arrives.
  pause(session) {
    const stopped = session.player.stop();
    if (stopped) {
      session.paused = stopped;
    }
  }

  // Barge-in: stops the answer's audio at once and sends the server how much of its item was played, so that the
  // stored answer keeps only what was heard. In push-to-talk mode an answer that has not started to play yet is
  // cancelled. In hands-free mode the server cancels it itself when it detects the new turn.
  interrupt(session) {
    const stopped = session.player.stop();
    if (stopped) {
      session.connection.send({
        type: "conversation.item.truncate",
        item_id: stopped.itemId,
        content_index: 0,
        audio_end_ms: stopped.playedMs,
      });
    } else if (session.responseActive && this.mode() === "push-to-talk") {
      session.connection.send({ type: "response.cancel" });
    }
  }

  // Server events ------------------------------------------------------------------------------------------------

  handle(session, event) {
    if (session !== this.session) {
      return;
    }

    const handler = this.handlers[event.type];
    handler?.call(this, session, event);
  }

  handlers = {
    "session.created": (session, event) => {
      const conversationId = event.session?.voicehelper?.conversation_id;
      if (conversationId && conversationId !== this.page.conversationId()) {
        session.untitled = true;
        this.page.conversationStarted(conversationId);
      }

      this.configure();
    },
    "session.updated": (session) => {
      if (!session.configured) {
        session.configured = true;
        for (const buffer of session.earlyChunks.splice(0)) {
          this.captured(session, buffer);
        }
      }

      this.setState("listening", this.mode() === "hands-free"
        ? "Listening. Speak at any time; speaking over an answer stops it."
        : "Ready. Hold the button, or Space on it, while you speak.");
    },
    "input_audio_buffer.speech_started": (session, event) => {
      session.speaking = true;
      // A turn that started and never stopped was dropped by the service, as happens when a session.update arrives
      // during it, so its placeholder goes.
      this.removeUnfinishedTurn(session);
      session.listeningItem = event.item_id;
      if (this.mode() === "hands-free") {
        this.pause(session);
      } else {
        this.interrupt(session);
      }
      this.userTurn(session, event.item_id).setStatus("Listening…");
      this.setState("listening", "Hearing you…");
    },
    "input_audio_buffer.speech_stopped": (session, event) => {
      session.speaking = false;
      session.listeningItem = null;
      this.userTurn(session, event.item_id).setStatus("Recognizing…");
    },
    "input_audio_buffer.committed": (session, event) => {
      session.listeningItem = null;
      this.userTurn(session, event.item_id).setStatus("Recognizing…");
    },
    "conversation.item.input_audio_transcription.delta": (session, event) => {
      this.userTurn(session, event.item_id).appendText(event.delta);
    },
    "conversation.item.input_audio_transcription.completed": (session, event) => {
      if (session.awaitingAnswer && event.transcript.trim()) {
        session.connection.send({ type: "response.create" });
      }

      session.awaitingAnswer = false;
      const view = this.userTurn(session, event.item_id);
      view.setText(event.transcript);
      view.setStatus(event.transcript.trim() ? "" : "No words were recognized.");
      view.element.dataset.status = "completed";
      this.setState("listening", "Answering…");
      if (session.untitled && event.transcript.trim()) {
        session.untitled = false;
        this.page.titleConversation(event.transcript.trim());
      }
    },
    "response.created": (session, event) => {
      session.responseActive = true;
      const view = this.page.turnView("assistant");
      view.setStatus("Answering…");
      session.answerTurns.set(event.response.id, view);
    },
    "response.output_item.added": (session, event) => {
      session.itemResponses.set(event.item.id, event.response_id);
    },
    "response.output_audio_transcript.delta": (session, event) => {
      session.answerTurns.get(event.response_id)?.appendText(event.delta);
    },
    "response.output_text.delta": (session, event) => {
      session.answerTurns.get(event.response_id)?.appendText(event.delta);
    },
    "response.output_audio.delta": (session, event) => {
      if (session.paused?.itemId === event.item_id) {
        // The service resumed the answer after a sound without words; its audio goes on from where it stopped.
        session.paused = null;
      }
      session.player.enqueue(event.item_id, fromBase64(event.delta));
      session.answerTurns.get(event.response_id)?.element.classList.add("speaking");
    },
    "response.done": (session, event) => {
      session.responseActive = false;
      const response = event.response;
      const paused = session.paused;
      if (paused && response.status === "cancelled" && session.itemResponses.get(paused.itemId) === response.id) {
        session.paused = null;
        session.connection.send({
          type: "conversation.item.truncate",
          item_id: paused.itemId,
          content_index: 0,
          audio_end_ms: paused.playedMs,
        });
      }

      const view = session.answerTurns.get(response.id);
      if (!view) {
        return;
      }

      view.setSources(response.voicehelper?.sources ?? []);
      if (response.status === "cancelled") {
        view.element.classList.add("interrupted");
        view.setStatus(view.element.dataset.playedMs
          ? `Interrupted after ${(view.element.dataset.playedMs / 1000).toFixed(1)} s.`
          : "Interrupted.");
      } else if (response.status === "completed") {
        view.setStatus("");
      } else {
        const reason = response.status_details?.error?.message ?? response.status;
        view.setStatus(`The answer stopped: ${reason}`);
      }

      view.element.dataset.status = response.status;
      if (!session.player.playing) {
        this.setState("listening", "Listening.");
      }
    },
    "conversation.item.truncated": (session, event) => {
      const view = session.answerTurns.get(session.itemResponses.get(event.item_id));
      if (view) {
        view.element.dataset.playedMs = String(event.audio_end_ms);
        view.element.classList.add("interrupted");
        view.setStatus(`Interrupted after ${(event.audio_end_ms / 1000).toFixed(1)} s.`);
      }
    },
    error: (session, event) => {
      this.showError(new Error(`${event.error?.message ?? "The voice service reported an error."}` +
        (event.error?.code ? ` (${event.error.code})` : "")));
    },
  };

  removeUnfinishedTurn(session) {
    const view = session.userTurns.get(session.listeningItem);
    if (view) {
      view.element.remove();
      session.userTurns.delete(session.listeningItem);
    }
  }

  userTurn(session, itemId) {
    let view = session.userTurns.get(itemId);
    if (!view) {
      view = this.page.turnView("user", "voice");
      session.userTurns.set(itemId, view);
    }

    return view;
  }

  playingChanged(playing) {
    byId("voice").dataset.playback = playing ? "playing" : "idle";
    if (playing) {
      this.setState("listening", "Speaking the answer. Speak to interrupt it.");
      return;
    }

    for (const element of document.querySelectorAll(".turn.speaking")) {
      element.classList.remove("speaking");
    }

    if (this.session && !this.session.responseActive) {
      this.setState("listening", "Listening.");
    }
  }

  connectionStatus(session, status, detail) {
    if (session !== this.session) {
      return;
    }

    switch (status) {
      case "reconnecting":
        // Audio already received plays on, and the resumed connection sends the rest after it.
        this.setState("reconnecting", `The voice connection dropped. Reconnecting (attempt ${detail} of ` +
          `${RealtimeConnection.maxReconnectAttempts})…`);
        break;
      case "resumed":
        byId("voice").dataset.resumed = String(Number(byId("voice").dataset.resumed ?? 0) + 1);
        this.setState("listening", "Reconnected. The conversation goes on where the connection dropped.");
        break;
      case "replaced":
        this.stop();
        this.showError(new Error("Voice stopped here because another tab or window opened a voice connection to " +
          "this conversation."));
        break;
      case "lost":
        this.stop();
        this.showError(new Error("The voice connection was lost and could not be restored. Check that the " +
          "service is running, then start voice again."));
        break;
    }
  }

  setState(state, message) {
    byId("voice").dataset.state = state;
    byId("voice-status").textContent = message;
    const toggle = byId("voice-toggle");
    toggle.textContent = state === "off" ? "Start voice" : "Stop voice";
    toggle.setAttribute("aria-pressed", String(state !== "off"));
    byId("push-to-talk").hidden = state === "off" || this.mode() === "hands-free";
    byId("push-to-talk").disabled = state !== "listening";
    byId("voice-mute").hidden = state === "off";
  }

  showError(error) {
    byId("voice-error").textContent = error ? error.message ?? String(error) : "";
  }
}
