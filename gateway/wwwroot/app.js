// The VoiceHelper web page: sign in with an API key, pick or create a knowledge base, upload documents and
// follow their ingestion, and hold conversations whose answers stream as Server-Sent Events. It calls only the
// public REST API of the gateway that serves it, and /v1/realtime for spoken turns (voice.js).

import { VoicePanel } from "./voice.js";

const KEY_STORAGE = "voicehelper.api-key";
const DOCUMENT_POLL_MS = 1500;
const RESUME_ATTEMPTS = 3;
const TITLE_LENGTH = 60;
const BUSY_STATUSES = new Set(["queued", "parsing", "embedding"]);

const state = {
  key: null,
  knowledgeBases: [],
  knowledgeBaseId: null,
  conversationId: null,
  conversationCursor: null,
  documentTimer: null,
  activeResponse: null,
};

const byId = (id) => document.getElementById(id);

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Sends a request with the API key. A failure becomes an ApiError with the problem's code and detail.
async function api(path, { method = "GET", body, headers = {} } = {}) {
  const init = { method, headers: { Authorization: `Bearer ${state.key}`, ...headers } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }

  const response = await fetch(path, init);
  if (!response.ok) {
    throw await problemOf(response);
  }

  return response.status === 204 ? null : response.json();
}

async function problemOf(response) {
  let code = "http_" + response.status;
  let detail = `The server returned HTTP ${response.status}.`;
  try {
    const problem = await response.json();
    code = problem.code ?? code;
    detail = problem.detail ?? problem.title ?? detail;
  } catch {
    // The body was not JSON; keep the status line.
  }

  return new ApiError(response.status, code, detail);
}

function showError(elementId, error) {
  byId(elementId).textContent = error ? error.message ?? String(error) : "";
}

// Sign-in ---------------------------------------------------------------------------------------------------

async function signIn(key, remember) {
  state.key = key;
  try {
    await loadKnowledgeBases();
  } catch (error) {
    state.key = null;
    throw error.status === 401
      ? new Error("The API key was rejected. Check that it is complete and not revoked.")
      : error;
  }

  if (remember) {
    localStorage.setItem(KEY_STORAGE, key);
  } else {
    sessionStorage.setItem(KEY_STORAGE, key);
  }

  byId("sign-in").hidden = true;
  byId("workspace").hidden = false;
  byId("account").hidden = false;
  byId("account-label").textContent = `Key ${key.slice(0, 8)}…`;
  await loadConversations(true);
  await selectKnowledgeBase(state.knowledgeBases[0]?.id ?? null);
}

function signOut() {
  voice.stop();
  localStorage.removeItem(KEY_STORAGE);
  sessionStorage.removeItem(KEY_STORAGE);
  location.reload();
}

// Knowledge bases and documents -----------------------------------------------------------------------------

async function loadKnowledgeBases() {
  const body = await api("/api/v1/knowledge-bases");
  state.knowledgeBases = body.knowledge_bases;
  const select = byId("kb-select");
  select.replaceChildren(...state.knowledgeBases.map((kb) => new Option(kb.name, kb.id)));
  if (state.knowledgeBases.length === 0) {
    select.append(new Option("Create a knowledge base first", "", true, true));
  }
}

async function selectKnowledgeBase(id) {
  state.knowledgeBaseId = id;
  byId("kb-select").value = id ?? "";
  byId("upload-form").querySelector("button").disabled = !id;
  byId("send").disabled = !id;
  await refreshDocuments();
}

async function createKnowledgeBase(name) {
  const created = await api("/api/v1/knowledge-bases", { method: "POST", body: { name } });
  await loadKnowledgeBases();
  startConversation();
  await selectKnowledgeBase(created.id);
}

async function refreshDocuments() {
  clearTimeout(state.documentTimer);
  const rows = byId("document-table").tBodies[0];
  if (!state.knowledgeBaseId) {
    rows.replaceChildren();
    return;
  }

  const kb = state.knowledgeBaseId;
  const { documents } = await api(`/api/v1/knowledge-bases/${kb}/documents`);
  if (kb !== state.knowledgeBaseId) {
    return;
  }

  rows.replaceChildren(...documents.map(documentRow));
  if (documents.some((doc) => BUSY_STATUSES.has(doc.status))) {
    state.documentTimer = setTimeout(() => refreshDocuments().catch((e) => showError("kb-error", e)), DOCUMENT_POLL_MS);
  }
}

function documentRow(doc) {
  const row = document.createElement("tr");
  row.dataset.documentId = doc.id;
  const title = cell(doc.title || doc.file_name);
  const status = cell(doc.status);
  status.className = doc.status;
  if (doc.status === "failed") {
    status.textContent = `failed: ${doc.error_message ?? doc.error_code}`;
  } else if (doc.status === "embedding" && doc.chunk_count > 0) {
    const bar = document.createElement("progress");
    bar.max = doc.chunk_count;
    bar.value = doc.chunks_embedded;
    bar.setAttribute("aria-label", `Embedding ${doc.title}`);
    status.append(" ", bar);
  }

  row.append(title, status, cell(String(doc.chunk_count ?? 0)));
  return row;
}

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

// fetch cannot report upload progress, so uploads use XMLHttpRequest.
function uploadFile(file, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/v1/knowledge-bases/${state.knowledgeBaseId}/documents`);
    request.setRequestHeader("Authorization", `Bearer ${state.key}`);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onerror = () => reject(new Error(`Uploading ${file.name} failed: the connection was lost.`));
    request.onload = () => {
      let body = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not JSON: reported below with the status.
      }

      if (request.status >= 200 && request.status < 300) {
        resolve(body);
      } else {
        reject(new Error(body?.detail ?? `Uploading ${file.name} failed with HTTP ${request.status}.`));
      }
    };
    const form = new FormData();
    form.append("file", file, file.name);
    request.send(form);
  });
}

async function uploadFiles(files) {
  const list = byId("upload-list");
  for (const file of files) {
    const item = document.createElement("li");
    const bar = document.createElement("progress");
    bar.max = 1;
    bar.value = 0;
    bar.setAttribute("aria-label", `Uploading ${file.name}`);
    const label = document.createElement("span");
    label.textContent = ` ${file.name}: uploading`;
    item.append(bar, label);
    list.append(item);
    try {
      await uploadFile(file, (fraction) => { bar.value = fraction; });
      bar.value = 1;
      label.textContent = ` ${file.name}: uploaded`;
    } catch (error) {
      label.textContent = ` ${file.name}: ${error.message}`;
      item.classList.add("error");
    }

    await refreshDocuments();
  }
}

// Conversations ---------------------------------------------------------------------------------------------

async function loadConversations(reset) {
  const list = byId("conversation-list");
  if (reset) {
    state.conversationCursor = null;
    list.replaceChildren();
  }

  const query = state.conversationCursor ? `?cursor=${encodeURIComponent(state.conversationCursor)}` : "";
  const page = await api(`/api/v1/conversations${query}`);
  for (const conversation of page.conversations) {
    list.append(conversationItem(conversation));
  }

  state.conversationCursor = page.next_cursor;
  byId("more-conversations").hidden = !page.next_cursor;
  markCurrentConversation();
}

function conversationItem(conversation) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.conversationId = conversation.id;
  button.textContent = conversation.title || "Untitled";
  const when = document.createElement("small");
  when.textContent = new Date(conversation.last_activity_at).toLocaleString();
  button.append(when);
  button.addEventListener("click", () => openConversation(conversation).catch((e) => showError("message-error", e)));
  item.append(button);
  return item;
}

function markCurrentConversation() {
  for (const button of byId("conversation-list").querySelectorAll("button")) {
    button.setAttribute("aria-current", String(button.dataset.conversationId === state.conversationId));
  }
}

function startConversation() {
  voice.stop();
  state.conversationId = null;
  byId("turns").replaceChildren();
  markCurrentConversation();
}

async function openConversation(conversation) {
  voice.stop();
  state.conversationId = conversation.id;
  markCurrentConversation();
  if (conversation.knowledge_base_id && conversation.knowledge_base_id !== state.knowledgeBaseId) {
    await selectKnowledgeBase(conversation.knowledge_base_id);
  }

  const page = await api(`/api/v1/conversations/${conversation.id}/messages?limit=200`);
  const turns = byId("turns");
  turns.replaceChildren(...page.messages.map((turn) => {
    const view = turnView(turn.role, turn.modality);
    view.setText(turn.text);
    view.setSources(turn.sources ?? []);
    view.setStatus(turn.status === "completed" ? "" : turn.status);
    return view.element;
  }));
  turns.scrollTop = turns.scrollHeight;
}

async function ensureConversation(firstMessage) {
  if (state.conversationId) {
    return state.conversationId;
  }

  const title = firstMessage.length > TITLE_LENGTH ? firstMessage.slice(0, TITLE_LENGTH - 1) + "…" : firstMessage;
  const created = await api("/api/v1/conversations", {
    method: "POST",
    body: { title, knowledge_base_id: state.knowledgeBaseId },
  });
  state.conversationId = created.id;
  byId("conversation-list").prepend(conversationItem(created));
  markCurrentConversation();
  return created.id;
}

function turnView(role, modality) {
  const element = byId("turn-template").content.firstElementChild.cloneNode(true);
  element.classList.add(role);
  element.querySelector(".role").textContent = role === "user"
    ? (modality === "voice" ? "You (spoken)" : "You")
    : "VoiceHelper";
  byId("turns").append(element);
  const text = element.querySelector(".text");
  const sources = element.querySelector(".sources");
  return {
    element,
    appendText: (piece) => { text.textContent += piece; },
    setText: (value) => { text.textContent = value; },
    setStatus: (value) => { element.querySelector(".status").textContent = value; },
    setSources: (list) => {
      sources.hidden = list.length === 0;
      sources.querySelector("ol").replaceChildren(...list.map(sourceItem));
    },
  };
}

function sourceItem(source) {
  const item = document.createElement("li");
  const name = document.createElement("strong");
  name.textContent = source.title;
  item.append(name);
  const place = [source.heading, source.page ? `page ${source.page}` : null].filter(Boolean).join(", ");
  if (place) {
    item.append(` (${place})`);
  }

  const quote = document.createElement("blockquote");
  quote.textContent = source.quote;
  item.append(quote);
  return item;
}

// A conversation that a voice session created: it becomes the current one and heads the history.
async function adoptConversation(conversationId) {
  state.conversationId = conversationId;
  const conversation = await api(`/api/v1/conversations/${conversationId}`);
  byId("conversation-list").prepend(conversationItem(conversation));
  markCurrentConversation();
}

// Titles a conversation that a voice session created after its first words, as typed conversations are titled.
async function titleConversation(conversationId, firstWords) {
  const title = firstWords.length > TITLE_LENGTH ? firstWords.slice(0, TITLE_LENGTH - 1) + "…" : firstWords;
  await api(`/api/v1/conversations/${conversationId}`, { method: "PATCH", body: { title } });
  const button = byId("conversation-list").querySelector(`button[data-conversation-id="${conversationId}"]`);
  button?.firstChild.replaceWith(title);
}

// Finds why a voice connection failed, which browsers do not tell, by reading the knowledge base over REST.
async function describeVoiceFailure() {
  try {
    await api(`/api/v1/knowledge-bases/${state.knowledgeBaseId}`);
  } catch (error) {
    return new Error(`The voice connection failed: ${error.message}`);
  }

  return null;
}

const voice = new VoicePanel({
  key: () => state.key,
  knowledgeBaseId: () => state.knowledgeBaseId,
  conversationId: () => state.conversationId,
  conversationStarted: (id) => adoptConversation(id).catch((error) => showError("message-error", error)),
  titleConversation: (text) => {
    const id = state.conversationId;
    titleConversation(id, text).catch((error) => showError("message-error", error));
  },
  turnView,
  describeFailure: describeVoiceFailure,
});

// Sending a message and reading its event stream --------------------------------------------------------------

async function sendMessage(text) {
  // Send stays disabled from here on, so that a second Enter cannot post the message twice.
  byId("send").disabled = true;
  try {
    await postMessage(text);
  } finally {
    setBusy(false);
  }
}

async function postMessage(text) {
  const conversationId = await ensureConversation(text);
  const headers = {
    Authorization: `Bearer ${state.key}`,
    Accept: "text/event-stream",
    "Content-Type": "application/json",
    "Idempotency-Key": crypto.randomUUID(),
  };
  const response = await fetch(`/api/v1/conversations/${conversationId}/messages`, {
    method: "POST",
    headers,
    body: JSON.stringify({ text }),
  });
  if (!response.ok) {
    throw await problemOf(response);
  }

  const answer = { conversationId, responseId: response.headers.get("VoiceHelper-Response-Id"), lastEventId: null };
  state.activeResponse = answer;
  setBusy(true);
  try {
    let view = null;
    const handle = (event) => {
      if (event.type === "response") {
        turnView("user", event.data.message.modality).setText(event.data.message.text);
        view = turnView("assistant");
        return;
      }

      view ??= turnView("assistant");
      applyEvent(view, event);
    };
    let ended = await readEvents(response.body, answer, handle);
    for (let attempt = 0; !ended && attempt < RESUME_ATTEMPTS; attempt++) {
      ended = await resume(answer, handle);
    }

    if (!ended) {
      view?.setStatus("The connection was lost. Reload the conversation to see the stored answer.");
    }
  } finally {
    state.activeResponse = null;
  }
}

function applyEvent(view, event) {
  switch (event.type) {
    case "delta":
      view.appendText(event.data.text);
      break;
    case "sources":
      view.setSources(event.data.sources);
      break;
    case "done":
      view.setText(event.data.text);
      view.setStatus(event.data.status === "completed" ? "" : describeEnd(event.data));
      break;
    case "error":
      view.setStatus(`The answer stopped: ${event.data.detail}`);
      break;
  }

  const turns = byId("turns");
  turns.scrollTop = turns.scrollHeight;
}

function describeEnd(turn) {
  return turn.status === "cancelled" ? "Stopped." : `The answer ${turn.status}: ${turn.error ?? "no details"}`;
}

// Reads events until "done" and returns true, or returns false when the stream ended early.
async function readEvents(body, answer, handle) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) {
        return false;
      }

      buffer += value.replaceAll("\r\n", "\n");
      let boundary;
      while ((boundary = buffer.indexOf("\n\n")) >= 0) {
        const event = parseEvent(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary + 2);
        if (!event) {
          continue;
        }

        if (event.id) {
          answer.lastEventId = event.id;
        }

        handle(event);
        if (event.type === "done") {
          return true;
        }

        if (event.type === "error") {
          return false;
        }
      }
    }
  } catch {
    return false;
  }
}

function parseEvent(block) {
  let type = "message";
  let id = null;
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) {
      type = line.slice(6).trim();
    } else if (line.startsWith("id:")) {
      id = line.slice(3).trim();
    } else if (line.startsWith("data:")) {
      data.push(line.slice(5).replace(/^ /, ""));
    }
  }

  return data.length === 0 ? null : { type, id, data: JSON.parse(data.join("\n")) };
}

async function resume(answer, handle) {
  const headers = { Authorization: `Bearer ${state.key}`, Accept: "text/event-stream" };
  if (answer.lastEventId) {
    headers["Last-Event-ID"] = answer.lastEventId;
  }

  try {
    const response = await fetch(
      `/api/v1/conversations/${answer.conversationId}/responses/${answer.responseId}/events`, { headers });
    if (response.status === 204) {
      return true;
    }

    return response.ok ? await readEvents(response.body, answer, handle) : false;
  } catch {
    return false;
  }
}

async function stopAnswer() {
  const answer = state.activeResponse;
  if (answer?.responseId) {
    await api(`/api/v1/conversations/${answer.conversationId}/responses/${answer.responseId}/cancel`, { method: "POST" });
  }
}

function setBusy(busy) {
  byId("send").disabled = busy || !state.knowledgeBaseId;
  byId("stop").hidden = !busy;
}

// Wiring ----------------------------------------------------------------------------------------------------

function on(id, type, handler, errorId) {
  byId(id).addEventListener(type, (event) => {
    Promise.resolve(handler(event)).catch((error) => showError(errorId, error));
  });
}

on("sign-in-form", "submit", async (event) => {
  event.preventDefault();
  showError("sign-in-error", null);
  await signIn(byId("api-key").value.trim(), byId("remember").checked);
}, "sign-in-error");

on("sign-out", "click", signOut, "sign-in-error");

on("kb-select", "change", async () => {
  startConversation();
  await selectKnowledgeBase(byId("kb-select").value || null);
}, "kb-error");

on("kb-create-form", "submit", async (event) => {
  event.preventDefault();
  showError("kb-error", null);
  await createKnowledgeBase(byId("kb-name").value.trim());
  byId("kb-name").value = "";
}, "kb-error");

on("upload-form", "submit", async (event) => {
  event.preventDefault();
  const input = byId("upload-files");
  const files = [...input.files];
  input.value = "";
  await uploadFiles(files);
}, "kb-error");

on("new-conversation", "click", startConversation, "message-error");
on("more-conversations", "click", () => loadConversations(false), "message-error");
on("stop", "click", stopAnswer, "message-error");

on("message-form", "submit", async (event) => {
  event.preventDefault();
  showError("message-error", null);
  const input = byId("message-text");
  const text = input.value.trim();
  // Enter submits through requestSubmit(), which a disabled Send button does not stop.
  if (!text || !state.knowledgeBaseId || byId("send").disabled) {
    return;
  }

  input.value = "";
  await sendMessage(text);
}, "message-error");

byId("message-text").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    byId("message-form").requestSubmit();
  }
});

on("voice-toggle", "click", async () => {
  if (voice.active) {
    voice.stop();
  } else {
    await voice.start();
  }
}, "voice-error");

on("voice-mute", "click", () => voice.setMuted(byId("voice-mute").getAttribute("aria-pressed") !== "true"), "voice-error");

for (const radio of document.querySelectorAll("input[name=voice-mode]")) {
  radio.addEventListener("change", () => voice.configure());
}

const talkButton = byId("push-to-talk");
const stopTalking = () => voice.stopTalking().catch((error) => showError("voice-error", error));
talkButton.addEventListener("pointerdown", (event) => {
  talkButton.setPointerCapture(event.pointerId);
  voice.startTalking();
});
talkButton.addEventListener("pointerup", stopTalking);
talkButton.addEventListener("pointercancel", stopTalking);
talkButton.addEventListener("blur", stopTalking);
talkButton.addEventListener("keydown", (event) => {
  if ((event.key === " " || event.key === "Enter") && !event.repeat) {
    event.preventDefault();
    voice.startTalking();
  }
});
talkButton.addEventListener("keyup", (event) => {
  if (event.key === " " || event.key === "Enter") {
    event.preventDefault();
    stopTalking();
  }
});

const savedKey = sessionStorage.getItem(KEY_STORAGE) ?? localStorage.getItem(KEY_STORAGE);
if (savedKey) {
  signIn(savedKey, localStorage.getItem(KEY_STORAGE) !== null).catch((error) => showError("sign-in-error", error));
}
