/* The keyboard review queue (Prodigy's keys). Every step is one POST to a small JSON endpoint
   that answers with the next candidate as escaped server-rendered HTML: no page reload. */
(function () {
  "use strict";
  const root = document.getElementById("desk-queue");
  if (!root) return;
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const urls = root.dataset;
  const nReasons = parseInt(urls.reasons || "0", 10);
  const canAddSpeaker = (document.getElementById("desk-edit-speaker-new") || {}).innerHTML === "1";
  const trail = []; // what "u" undoes, newest last: {kind: "decision"|"skip", id}
  let busy = false;
  let shownAt = performance.now();

  const $ = (sel, el) => (el || document).querySelector(sel);
  const withId = (template, id) => template.replace("/0/", "/" + encodeURIComponent(id) + "/");
  const card = () => $("#desk-candidate .desk-card");
  const currentId = () => {
    const c = card();
    return c && c.dataset.quoteId ? c.dataset.quoteId : null;
  };

  function say(text, level, link) {
    const box = $("#desk-message");
    box.textContent = text || "";
    box.className = "desk-message desk-" + (level || "info");
    if (link) {
      box.appendChild(document.createTextNode(" "));
      const a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      box.appendChild(a);
    }
  }

  function show(state) {
    $("#desk-candidate").innerHTML = state.html;
    $("#desk-recent").innerHTML = state.recent_html;
    const link = state.claim_url ? { href: state.claim_url, text: "Open claim #" + state.claim_id } : null;
    say(state.message, state.level, link);
    shownAt = performance.now();
    // A counter of answers shown, for scripted reviewers (tests, bench) to wait on.
    root.dataset.steps = String(parseInt(root.dataset.steps || "0", 10) + 1);
    root.dataset.serverMs = String(state.server_ms || "");
  }

  async function send(url, data, method) {
    if (busy) return null;
    busy = true;
    try {
      const options = { method: method || "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf, Accept: "application/json" } };
      if (data) options.body = new URLSearchParams(data);
      const response = await fetch(url, options);
      const type = response.headers.get("content-type") || "";
      if (!type.includes("application/json")) {
        say(response.status === 403 ? "Refused (403): you may lack the permission, or your session expired; reload the page." : "The server answered " + response.status + "; nothing changed here: reload the page.", "error");
        return null;
      }
      const state = await response.json();
      show(state);
      return state;
    } catch (err) {
      say("Could not reach the server (" + err.message + "); nothing was saved.", "error");
      return null;
    } finally {
      busy = false;
    }
  }

  const seconds = () => ((performance.now() - shownAt) / 1000).toFixed(2);

  async function decide(action, reason) {
    const id = currentId();
    if (!id) return;
    const data = { action: action, seconds: seconds() };
    if (reason) data.reason = String(reason);
    const state = await send(withId(urls.decideUrl, id), data);
    if (!state) return;
    if (action === "skip") trail.push({ kind: "skip", id: id });
    else if (state.decision_id) trail.push({ kind: "decision", id: String(state.decision_id) });
  }

  async function undo(decisionId) {
    let data = {};
    if (decisionId) {
      data.decision = decisionId;
      const i = trail.findIndex((t) => t.kind === "decision" && t.id === String(decisionId));
      if (i >= 0) trail.splice(i, 1);
    } else {
      const last = trail.pop();
      if (last) data = last.kind === "skip" ? { skip: last.id } : { decision: last.id };
    }
    await send(urls.undoUrl, data);
  }

  async function createClaim() {
    const id = currentId();
    if (id) await send(withId(urls.claimUrl, id), {});
  }

  function toggleHelp(force) {
    const help = $("#desk-help");
    help.hidden = force === undefined ? !help.hidden : !force;
  }

  // --- edit: speaker (ranked autocomplete), kind, wording, span ---------------------------

  let lookup = null;
  let lookupTerm = "";
  let active = 0;

  function openEdit() {
    const form = $("#desk-edit");
    if (!form) return;
    form.hidden = false;
    const search = $(".desk-speaker-search", form);
    search.focus();
    search.select();
  }

  function closeEdit() {
    const form = $("#desk-edit");
    if (form) form.hidden = true;
    if (document.activeElement) document.activeElement.blur();
  }

  function suggestions(form) {
    return Array.from(form.querySelectorAll(".desk-suggestions li"));
  }

  function markActive(form) {
    suggestions(form).forEach((li, i) => li.classList.toggle("desk-active", i === active));
  }

  function findSpeakers(form, term) {
    lookupTerm = term;
    const params = new URLSearchParams({ term: term, app_label: "quotes", model_name: "quote", field_name: "speaker" });
    lookup = fetch(urls.autocompleteUrl + "?" + params, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : { results: [] }))
      .then((data) => {
        if (term !== lookupTerm) return;
        const list = $(".desk-suggestions", form);
        list.innerHTML = "";
        (data.results || []).slice(0, 12).forEach((item) => {
          const li = document.createElement("li");
          li.textContent = item.text;
          li.dataset.id = item.id;
          list.appendChild(li);
        });
        if (canAddSpeaker && term.trim()) {
          const li = document.createElement("li");
          li.textContent = "Create a new speaker “" + term.trim() + "”";
          li.dataset.create = term.trim();
          list.appendChild(li);
        }
        active = 0;
        list.hidden = list.children.length === 0;
        markActive(form);
      })
      .catch(() => {});
    return lookup;
  }

  function pick(form, li) {
    const search = $(".desk-speaker-search", form);
    if (li.dataset.create) {
      form.elements.speaker.value = "";
      form.elements.new_speaker.value = li.dataset.create;
      search.value = li.dataset.create;
      $(".desk-new-speaker", form).hidden = false;
    } else {
      form.elements.speaker.value = li.dataset.id;
      form.elements.new_speaker.value = "";
      search.value = li.textContent.replace(/ \([^)]*\)$/, "");
      $(".desk-new-speaker", form).hidden = true;
    }
    search.dataset.picked = "1";
    $(".desk-suggestions", form).hidden = true;
  }

  async function saveEdit(form) {
    const id = currentId();
    if (!id) return;
    const data = {
      kind: form.elements.kind.value,
      text: form.elements.text.value,
      start: form.elements.start.value,
      end: form.elements.end.value,
      speaker_mention: form.elements.speaker_mention.value,
    };
    const search = $(".desk-speaker-search", form);
    if (search.dataset.picked === "1") {
      data.speaker = form.elements.speaker.value;
      if (form.elements.new_speaker.value) {
        data.new_speaker = form.elements.new_speaker.value;
        data.new_speaker_kind = form.elements.new_speaker_kind.value;
        data.new_speaker_title = form.elements.new_speaker_title.value;
      }
    } else if (search.value.trim() === "") {
      data.speaker = "";
    }
    await send(withId(urls.editUrl, id), data);
  }

  document.addEventListener("input", (e) => {
    if (!e.target.classList.contains("desk-speaker-search")) return;
    const form = e.target.form;
    e.target.dataset.picked = "";
    const term = e.target.value;
    if (term.trim()) findSpeakers(form, term);
    else $(".desk-suggestions", form).hidden = true;
  });

  document.addEventListener("submit", (e) => {
    if (e.target.id !== "desk-edit") return;
    e.preventDefault();
    saveEdit(e.target);
  });

  document.addEventListener("keydown", async (e) => {
    const form = e.target.form;
    if (!form || form.id !== "desk-edit") return;
    if (e.key === "Escape") {
      e.preventDefault();
      closeEdit();
      return;
    }
    if (e.key === "Enter" && e.target.tagName === "TEXTAREA" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      saveEdit(form);
      return;
    }
    if (!e.target.classList.contains("desk-speaker-search")) return;
    const items = suggestions(form);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = Math.max(0, Math.min(items.length - 1, active + (e.key === "ArrowDown" ? 1 : -1)));
      markActive(form);
    } else if (e.key === "Enter" && e.target.dataset.picked !== "1" && e.target.value.trim()) {
      // Enter picks the best match, waiting for the answer to what was typed if need be.
      e.preventDefault();
      if (lookupTerm !== e.target.value) findSpeakers(form, e.target.value);
      await lookup;
      const li = suggestions(form)[active];
      if (li) pick(form, li);
    }
  });

  // --- keys and buttons -----------------------------------------------------------------

  function typing(el) {
    if (!el || el === document.body) return false;
    const tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  const actions = {
    approve: () => decide("approve"),
    reject: () => decide("reject"),
    skip: () => decide("skip"),
    undo: () => undo(),
    edit: openEdit,
    "cancel-edit": closeEdit,
    claim: createClaim,
    help: () => toggleHelp(),
  };

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    const key = e.key;
    let run = null;
    if (key === "a") run = actions.approve;
    else if (key === "x") run = actions.reject;
    else if (key === " " || key === "Spacebar") run = actions.skip;
    else if (key === "u" || key === "Backspace") run = actions.undo;
    else if (key === "e") run = actions.edit;
    else if (key === "c") run = actions.claim;
    else if (key === "?") run = actions.help;
    else if (key === "Escape") run = () => toggleHelp(false);
    else if (/^[1-9]$/.test(key) && parseInt(key, 10) <= nReasons) run = () => decide("reject", key);
    if (!run) return;
    e.preventDefault();
    if (document.activeElement && document.activeElement.tagName === "BUTTON") document.activeElement.blur();
    run();
  });

  document.addEventListener("click", (e) => {
    const form = e.target.closest("#desk-edit");
    const li = e.target.closest(".desk-suggestions li");
    if (form && li) {
      pick(form, li);
      return;
    }
    const button = e.target.closest("[data-act]");
    if (!button || !root.contains(button)) return;
    e.preventDefault();
    button.blur();
    if (button.dataset.act === "undo-one") undo(button.dataset.decision);
    else if (actions[button.dataset.act]) actions[button.dataset.act]();
  });
})();
