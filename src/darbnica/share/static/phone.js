// The participant page, live: what changes comes by server-sent events (polling every 5 s where they do not
// work), and a note not yet received is kept in the phone's storage and sent again, with the same id, after a
// Wi-Fi blip, so it is never lost and never doubled. Without this script the page still works as plain forms.
"use strict";
(function () {
  var base = document.body.getAttribute("data-base");
  if (!base || !window.fetch) return;
  var KEY = "darbnica-unsent:" + base;
  var POLL_MS = 5000, RESEND_MS = 3000;
  var version = -1, lastHeard = 0, resendTimer = null, sending = false;
  var form = document.getElementById("note-form");
  var step = form ? form.querySelector('input[name="step"]').value : "";  // the step the wall is of
  var box = document.getElementById("text");
  var flash = document.getElementById("flash");

  function $(id) { return document.getElementById(id); }

  var FLASH_MS = 6000, flashTimer = null;
  function say(text, refused) {
    if (!flash) return;
    clearTimeout(flashTimer);
    flash.textContent = text;
    flash.hidden = !text;
    flash.className = "flash " + (refused ? "refused" : "done");
    // "Received" is news for a moment, not a state: the counts below say where the note is now. A refusal stays.
    if (text && !refused) flashTimer = setTimeout(function () { flash.hidden = true; }, FLASH_MS);
  }

  function newRef() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);  // crypto.randomUUID needs a secure context: plain HTTP is not one
    return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function field(name, value) {
    var input = form && form.querySelector('input[name="' + name + '"]');
    if (input && value !== undefined) input.value = value;
    return input ? input.value : "";
  }

  function unsent() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }
  function keep(note) {
    try {
      if (note) window.localStorage.setItem(KEY, JSON.stringify(note)); else window.localStorage.removeItem(KEY);
    } catch (e) { /* private mode: the note is still in the box */ }
  }

  function post(path, fields) {
    var body = new URLSearchParams(fields);
    return fetch(base + path, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        answer.status = response.status;
        return answer;
      });
    });
  }

  function send(note) {
    if (sending) return;
    sending = true;
    clearTimeout(resendTimer);
    var fields = { form: field("form"), ref: note.ref, step: note.step, text: note.text, lang: field("lang") };
    post("/note", fields).then(function (answer) {
      sending = false;
      if (answer.ok) {
        keep(null);
        if (box && box.value === note.text) box.value = "";
        field("ref", newRef());
        say(answer.flash, false);
        refresh();
      } else if (answer.key === "phone.old_page") {
        window.location.reload();  // a new form token; the kept note is sent again from the new page
      } else if (!answer.status || answer.status >= 500 || answer.status === 429) {
        // The disk, a limit, or no answer that could be read: kept, and sent again (the same ref).
        say(answer.message || "", true);
        var wait = answer.retry_after ? answer.retry_after * 1000 : RESEND_MS;
        resendTimer = setTimeout(function () { send(note); }, wait);
      } else {
        // Refused for good (empty, too long): the text stays in the box to be changed. A browser that kept no
        // cookie keeps its note too: given one with this answer, pressing again reloads the page, and sends it.
        if (answer.key !== "phone.no_cookie") keep(null);
        say(answer.message || "", true);
      }
    }, function () {
      sending = false;  // no network: try again soon, and when the phone is back online
      resendTimer = setTimeout(function () { send(note); }, RESEND_MS);
    });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = box ? box.value : "";
      if (!text.trim()) return;
      var pending = unsent();
      var note = pending && pending.text === text ? pending : { ref: newRef(), step: field("step"), text: text };
      keep(note);
      send(note);
    });
  }

  function giveDot(fields) {
    post("/dot", fields).then(function (answer) {
      say(answer.ok ? answer.flash : answer.message || "", !answer.ok);
      refresh();
    }, function () { refresh(); });
  }

  // The page as first loaded has a plain form per dot button; the live wall has buttons that say their note.
  document.addEventListener("submit", function (event) {
    var dot = event.target;
    if (!dot.classList || !dot.classList.contains("dot")) return;
    event.preventDefault();
    var fields = {};
    dot.querySelectorAll("input").forEach(function (input) { fields[input.name] = input.value; });
    giveDot(fields);
  });
  document.addEventListener("click", function (event) {
    var button = event.target;
    while (button && !(button.getAttribute && button.getAttribute("data-note"))) button = button.parentNode;
    if (!button || button.disabled) return;
    giveDot({
      form: field("form"), step: step, lang: field("lang"),
      note: button.getAttribute("data-note"), change: button.getAttribute("data-change")
    });
  });

  // Notes added at the wall's end. The page may have one already (a poll after sending came first): that one is
  // replaced, never shown twice.
  // Only onto the wall the notes were sent after (its length and last note); any other wall asks for all of it.
  function addToWall(html, after) {
    var list = $("wall");
    var last = list && list.lastElementChild;
    if (!list || !after || list.children.length !== after[0] || !last || last.id !== after[1]) {
      refresh();
      return;
    }
    var made = document.createElement("ul");  // a <ul>, not a <template>: older phones have no templates
    made.innerHTML = html;
    Array.prototype.slice.call(made.children).forEach(function (item) {
      var known = item.id && document.getElementById(item.id);
      if (known) known.parentNode.replaceChild(item, known); else list.appendChild(item);
    });
  }

  // What on the wall is this phone's own: its dots on each note, the dots left, which buttons can be pressed.
  function showBallot(ballot) {
    if (!ballot) return;
    var wall = $("wall-box");
    var left = $("dots-left");
    if (left) left.textContent = ballot.left_text;
    wall.querySelectorAll("button[data-note]").forEach(function (button) {
      var given = ballot.given[button.getAttribute("data-note")] || 0;
      button.disabled = button.getAttribute("data-change") === "1" ? ballot.left <= 0 : given <= 0;
    });
    wall.querySelectorAll("li[id^='note-']").forEach(function (item) {
      var mine = item.querySelector(".mine-dots");
      if (mine) mine.textContent = ballot.dots_text[ballot.given[item.id.slice(5)] || 0] || "";
    });
  }

  function apply(snapshot) {
    lastHeard = Date.now();
    if (!snapshot || snapshot.version < version) return;
    $("step-info").innerHTML = snapshot.step_info;  // made and escaped on the server, as the page itself
    try {
      if (snapshot.wall !== undefined) {
        $("wall-box").innerHTML = snapshot.wall;  // sent whole only when it changed otherwise than at its end
      } else if (snapshot.wall_add !== undefined) {
        addToWall(snapshot.wall_add, snapshot.wall_after);
      }
    } catch (e) {
      refresh();  // whatever went wrong, the whole wall is asked for
    }
    version = snapshot.version;
    step = snapshot.step;
    showBallot(snapshot.ballot);
    $("mine").textContent = snapshot.mine;
    $("mine").hidden = !snapshot.takes_notes;
    if (form) {
      form.hidden = !snapshot.takes_notes;
      field("form", snapshot.form);
      if (!unsent()) field("step", snapshot.step);  // a note being sent keeps the step it was written for
    }
  }

  function refresh() {
    if (document.hidden) return;
    fetch(base + "/state", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(apply, function () {});
  }

  if (window.EventSource) {
    var stream = new EventSource(base + "/events");
    stream.addEventListener("snapshot", function (event) {
      try { apply(JSON.parse(event.data)); } catch (e) { /* the next one is whole again */ }
    });
  }
  // The fallback: a page that has heard nothing for a while asks (paused while the phone's screen is off).
  setInterval(function () { if (Date.now() - lastHeard > POLL_MS) refresh(); }, POLL_MS);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
  window.addEventListener("online", function () { var note = unsent(); if (note) send(note); });

  if (flash && !flash.hidden && flash.className.indexOf("done") >= 0) say(flash.textContent, false);
  if (window.history && window.history.replaceState && /[?&]done=/.test(window.location.search)) {
    window.history.replaceState(null, "", base);  // a reload later does not say "received" again
  }

  var pending = unsent();  // a note the last page could not send: in the box again, and sent
  if (pending && pending.text) {
    if (box) box.value = pending.text;
    send(pending);
  }
})();
