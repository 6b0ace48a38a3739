// An AudioWorklet processor that turns the microphone's first channel, at the AudioContext's rate, into 16-bit
// little-endian mono PCM at a lower target rate, and posts it to the page in chunks of a fixed duration.
//
// Each output sample is the mean of the input samples since the previous one. That box filter is a weak
// anti-aliasing filter, but speech has little energy above the 8 kHz Nyquist frequency of 16 kHz audio.

class VoiceCaptureProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const { targetRate, chunkMs } = options.processorOptions;
    // `sampleRate` is the AudioContext's rate, a global of the worklet scope. The page only asks for rates at or
    // below it, so each output sample takes at least one input sample.
    this.inputPerOutput = sampleRate / targetRate;
    this.chunk = new Int16Array(Math.round((targetRate * chunkMs) / 1000));
    this.filled = 0;
    this.phase = 0;
    this.sum = 0;
    this.count = 0;
    this.port.onmessage = (event) => {
      if (event.data === "flush") {
        this.postChunk();
        this.port.postMessage({ type: "flushed" });
      }
    };
  }

  process(inputs) {
    const samples = inputs[0]?.[0];
    if (samples) {
      for (let i = 0; i < samples.length; i++) {
        this.sum += samples[i];
        this.count++;
        this.phase += 1;
        if (this.phase >= this.inputPerOutput) {
          this.phase -= this.inputPerOutput;
          this.push(this.sum / this.count);
          this.sum = 0;
          this.count = 0;
        }
      }
    }

    // Keep running while the source is connected, even through blocks without input.
    return true;
  }

  push(value) {
    const clamped = Math.max(-1, Math.min(1, value));
    this.chunk[this.filled++] = clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff;
    if (this.filled === this.chunk.length) {
      this.postChunk();
    }
  }

  // Posts the samples collected so far, if any, as an ArrayBuffer that the page takes over.
  postChunk() {
    if (this.filled === 0) {
      return;
    }

    const buffer = this.chunk.slice(0, this.filled).buffer;
    this.filled = 0;
    this.port.postMessage({ type: "audio", buffer }, [buffer]);
  }
}

registerProcessor("voice-capture", VoiceCaptureProcessor);
