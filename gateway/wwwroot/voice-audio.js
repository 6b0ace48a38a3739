// Microphone capture through an AudioWorklet, and playback of the answer's PCM chunks with Web Audio.

/** The rate of the PCM that the page sends, which the server resamples to for recognition anyway. */
export const CAPTURE_RATE = 16_000;

/** The rate of the answer's PCM, the Realtime API's default for audio/pcm. */
export const PLAYBACK_RATE = 24_000;

const CHUNK_MS = 40;

// How far ahead of the current time the first chunk of an answer starts, so that it is not cut at its start.
const START_DELAY_S = 0.05;

// The worklet module registers its processor once per AudioContext, and a microphone opened again after muting
// reuses it.
const contextsWithWorklet = new WeakSet();

/** An error whose message can be shown to the user as it is. */
export class VoiceError extends Error {}

/**
 * Asks for the microphone and streams it through the worklet as 16-bit PCM. `onChunk` receives each chunk as an
 * ArrayBuffer. Returns the PCM's `rate`, `flush()` and `close()`.
 */
export async function openMicrophone(context, onChunk) {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new VoiceError("This browser gives no microphone to this page. Open it over HTTPS, or at " +
      "http://127.0.0.1 or http://localhost, which browsers treat as secure.");
  }

  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  } catch (error) {
    throw microphoneError(error);
  }

  const rate = captureRate(context.sampleRate);
  if (!contextsWithWorklet.has(context)) {
    await context.audioWorklet.addModule("voice-capture-worklet.js");
    contextsWithWorklet.add(context);
  }

  const source = context.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(context, "voice-capture", {
    numberOfInputs: 1,
    numberOfOutputs: 0,
    channelCount: 1,
    channelCountMode: "explicit",
    processorOptions: { targetRate: rate, chunkMs: CHUNK_MS },
  });
  let flushed = null;
  node.port.onmessage = (event) => {
    if (event.data.type === "audio") {
      onChunk(event.data.buffer);
    } else if (event.data.type === "flushed") {
      flushed?.();
    }
  };
  source.connect(node);

  return {
    rate,
    // Resolves once the worklet has posted the samples it still held.
    flush: () => new Promise((resolve) => {
      flushed = resolve;
      node.port.postMessage("flush");
    }),
    close: () => {
      source.disconnect();
      node.port.onmessage = null;
      for (const track of stream.getTracks()) {
        track.stop();
      }
    },
  };
}

// The Realtime API takes PCM rates in whole kHz from 8 to 48 kHz. The worklet only downsamples.
function captureRate(contextRate) {
  if (contextRate >= CAPTURE_RATE) {
    return CAPTURE_RATE;
  }

  if (contextRate < 8_000) {
    throw new VoiceError(`The audio system runs at ${contextRate} Hz, below the 8,000 Hz that speech needs.`);
  }

  return Math.floor(contextRate / 1000) * 1000;
}

function microphoneError(error) {
  switch (error?.name) {
    case "NotAllowedError":
    case "SecurityError":
      return new VoiceError("Microphone access was denied. Allow the microphone for this site in the browser's " +
        "site settings, then start voice again.");
    case "NotFoundError":
    case "OverconstrainedError":
      return new VoiceError("No microphone was found. Connect one, then start voice again.");
    case "NotReadableError":
      return new VoiceError("The microphone could not be opened. Another program may be using it.");
    default:
      return new VoiceError(`The microphone could not be opened: ${error?.message ?? error}`);
  }
}

/**
 * Plays an answer's PCM chunks back to back as they arrive, and reports how much of an item was played when it is
 * stopped. One item (one spoken answer) plays at a time; a chunk of a new item starts after those already queued.
 */
export class AnswerPlayer {
  constructor(context, onPlayingChange) {
    this.context = context;
    this.onPlayingChange = onPlayingChange;
    this.output = context.createGain();
    this.output.connect(context.destination);
    this.itemId = null;
    this.chunks = [];
    this.nextStart = 0;
    this.playing = false;
  }

  /** Queues 16-bit little-endian PCM at PLAYBACK_RATE of the assistant item `itemId`. */
  enqueue(itemId, bytes) {
    const samples = new Int16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 2));
    if (samples.length === 0) {
      return;
    }

    const buffer = this.context.createBuffer(1, samples.length, PLAYBACK_RATE);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < samples.length; i++) {
      channel[i] = samples[i] / 0x8000;
    }

    if (itemId !== this.itemId) {
      this.itemId = itemId;
      this.chunks = this.chunks.filter((chunk) => chunk.end > this.context.currentTime);
    }

    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.output);
    const start = Math.max(this.nextStart, this.context.currentTime + START_DELAY_S);
    source.start(start);
    const chunk = { itemId, source, start, end: start + buffer.duration };
    source.onended = () => this.ended(chunk);
    this.chunks.push(chunk);
    this.nextStart = chunk.end;
    this.setPlaying(true);
  }

  /** Milliseconds of item `itemId` played so far. */
  playedMs(itemId) {
    const now = this.context.currentTime;
    let seconds = 0;
    for (const chunk of this.chunks) {
      if (chunk.itemId === itemId) {
        seconds += Math.min(Math.max(now - chunk.start, 0), chunk.end - chunk.start);
      }
    }

    return Math.floor(seconds * 1000);
  }

  /**
   * Stops playback at once and drops what is queued. Returns the item that was playing and the milliseconds of it
   * that were played, or null when nothing was playing.
   */
  stop() {
    if (!this.playing) {
      return null;
    }

    const stopped = { itemId: this.itemId, playedMs: this.playedMs(this.itemId) };
    for (const chunk of this.chunks) {
      chunk.source.onended = null;
      chunk.source.stop();
    }

    this.chunks = [];
    this.nextStart = 0;
    this.setPlaying(false);
    return stopped;
  }

  ended(chunk) {
    if (this.chunks.every((other) => other.end <= chunk.end)) {
      this.setPlaying(false);
    }
  }

  setPlaying(playing) {
    if (playing !== this.playing) {
      this.playing = playing;
      this.onPlayingChange(playing);
    }
  }
}
