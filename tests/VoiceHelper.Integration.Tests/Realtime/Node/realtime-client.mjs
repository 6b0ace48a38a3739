// Drives the official openai npm package's realtime WebSocket client against the gateway: it streams a 16 kHz
// mono WAVE recording in 20 ms chunks at real-time pace, waits for the spoken answer, and prints one JSON line
// that summarizes what the server sent. The test that starts it makes the assertions.
//
// Settings come from the environment: VOICEHELPER_BASE_URL (https://127.0.0.1:PORT/v1), VOICEHELPER_API_KEY,
// VOICEHELPER_MODEL, VOICEHELPER_WAV, VOICEHELPER_TIMEOUT_MS. NODE_EXTRA_CA_CERTS makes node trust the gateway's
// development certificate, because the client always connects with wss://.
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set.`);
  }
  return value;
};

const timeoutMs = Number(process.env.VOICEHELPER_TIMEOUT_MS ?? 90000);
const chunkMs = 20;

// Returns the samples of a 16-bit mono PCM WAVE file and its rate.
function readWave(path) {
  const file = readFileSync(path);
  let offset = 12;
  let rate = 0;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      rate = file.readUInt32LE(offset + 12);
    } else if (id === 'data') {
      return { rate, pcm: file.subarray(offset + 8, offset + 8 + size) };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${path} has no data chunk.`);
}

const client = new OpenAI({ apiKey: env('VOICEHELPER_API_KEY'), baseURL: env('VOICEHELPER_BASE_URL') });
const rt = new OpenAIRealtimeWS({ model: env('VOICEHELPER_MODEL') }, client);
const events = [];
const errors = [];
let audioBytes = 0;
let oddDelta = false;
let done;
const finished = new Promise((resolve) => { done = resolve; });

rt.on('event', (event) => {
  const summary = { type: event.type, seq: event.voicehelper_seq };
  if (event.type === 'response.output_audio.delta') {
    const bytes = Buffer.from(event.delta, 'base64');
    audioBytes += bytes.length;
    oddDelta ||= bytes.length % 2 !== 0;
  } else {
    events.push({ ...summary, event });
  }
  if (event.type === 'response.done') {
    done();
  }
});
rt.on('error', (error) => errors.push(error.message ?? String(error)));

await new Promise((resolve, reject) => {
  rt.socket.once('open', resolve);
  rt.socket.once('error', reject);
});

rt.send({
  type: 'session.update',
  session: {
    type: 'realtime',
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 16000 },
        turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 },
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'alloy' },
    },
  },
});

const { rate, pcm } = readWave(env('VOICEHELPER_WAV'));
const chunkBytes = (rate / 1000) * chunkMs * 2;
const silence = Buffer.alloc(rate * 2); // one second, so that server VAD sees the turn end
const audio = Buffer.concat([pcm, silence]);
const started = Date.now();
for (let offset = 0, index = 0; offset < audio.length; offset += chunkBytes, index++) {
  rt.send({ type: 'input_audio_buffer.append', audio: audio.subarray(offset, offset + chunkBytes).toString('base64') });
  const wait = started + (index + 1) * chunkMs - Date.now();
  if (wait > 0) {
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

const timer = setTimeout(done, timeoutMs);
await finished;
clearTimeout(timer);
rt.close();
console.log(JSON.stringify({ events, errors, audioBytes, oddDelta, streamedMs: Date.now() - started }));
