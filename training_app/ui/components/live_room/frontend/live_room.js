// The simulated live room (a Streamlit custom component without a build step).
//
// Protocol (Streamlit's ComponentMessageType / StreamlitMessageType): we post
//   {isStreamlitMessage: true, type: "streamlit:componentReady", apiVersion: 1}
//   {isStreamlitMessage: true, type: "streamlit:setFrameHeight", height}
//   {isStreamlitMessage: true, type: "streamlit:setComponentValue", value, dataType: "json"}
// and receive {type: "streamlit:render", args, dfs, disabled, theme}.
//
// The component owns the recorder (getUserMedia + MediaRecorder): the comment clock starts when recording really
// starts, each comment appears at its scripted second and we note the second it was shown. On stop we return the
// audio (base64) and that timeline. Viewer text is inserted with textContent only, never as HTML.
(function () {
  "use strict";

  var args = null;
  var state = "idle"; // idle | starting | recording | sending | sent | error
  var recorder = null;
  var stream = null;
  var chunks = [];
  var t0 = 0;
  var timers = [];
  var tick = null;
  var shown = [];
  var viewers = 12 + Math.floor(Math.random() * 30);
  var takeId = "";
  var mime = "";

  function send(type, data) {
    var message = Object.assign({ isStreamlitMessage: true, type: type }, data);
    window.parent.postMessage(message, "*");
  }

  function el(id) {
    return document.getElementById(id);
  }

  function label(name) {
    return (args && args.labels && args.labels[name]) || "";
  }

  function resize() {
    send("streamlit:setFrameHeight", { height: Math.ceil(document.documentElement.scrollHeight) + 2 });
  }

  function fmt(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var m = Math.floor(s / 60);
    return String(m).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
  }

  function setState(next, statusText) {
    state = next;
    el("room").setAttribute("data-state", next);
    var button = el("rec");
    button.textContent = next === "recording" ? label("stop") : label("start");
    button.disabled = !(next === "idle" || next === "recording" || next === "error") || Boolean(args && args.disabled);
    el("live-badge").textContent = next === "recording" ? label("live") : label("offline");
    el("status").textContent = statusText || "";
    resize();
  }

  function showViewers() {
    el("viewers").textContent = label("viewers").replace("{count}", String(viewers));
  }

  function renderStatic() {
    var product = args.product || {};
    el("product-name").textContent = product.name || "";
    el("product-origin").textContent = product.origin || "";
    el("product-season").textContent = product.season || "";
    el("product").style.display = product.name ? "" : "none";
    document.documentElement.lang = args.lang === "en" ? "en" : "zh";
    showViewers();
  }

  function commentText(comment) {
    var text = comment.text || {};
    return (args.lang === "en" ? text.en : text.zh) || text.zh || text.en || "";
  }

  function showComment(comment) {
    var seconds = (performance.now() - t0) / 1000;
    shown.push({ seq: comment.seq, shown_at_s: Math.round(seconds * 100) / 100 });
    var item = document.createElement("li");
    item.className = "comment";
    item.setAttribute("data-kind", comment.kind || "");
    item.setAttribute("data-seq", String(comment.seq));
    var user = document.createElement("span");
    user.className = "user";
    user.textContent = comment.user || "";
    var body = document.createElement("span");
    body.className = "text";
    body.textContent = commentText(comment);
    item.appendChild(user);
    item.appendChild(body);
    var list = el("comments");
    list.appendChild(item);
    while (list.children.length > 6) list.removeChild(list.firstChild);
    viewers += 3 + Math.floor(Math.random() * 9);
    showViewers();
  }

  function clearTimers() {
    timers.forEach(clearTimeout);
    timers = [];
    if (tick) clearInterval(tick);
    tick = null;
  }

  function startClock() {
    var maxS = Number(args.max_s || 600);
    var target = Number(args.target_s || 0);
    tick = setInterval(function () {
      var seconds = (performance.now() - t0) / 1000;
      el("clock").textContent = fmt(seconds) + (target ? " / " + fmt(target) : "");
      if (Math.random() < 0.3) {
        viewers = Math.max(1, viewers + Math.floor(Math.random() * 5) - 1);
        showViewers();
      }
      if (seconds >= maxS) stop();
    }, 500);
  }

  function pickMime() {
    var options = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];
    if (!window.MediaRecorder || !MediaRecorder.isTypeSupported) return "";
    for (var i = 0; i < options.length; i++) {
      if (MediaRecorder.isTypeSupported(options[i])) return options[i];
    }
    return "";
  }

  function start() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
      setState("error", label("unsupported"));
      return;
    }
    setState("starting", label("asking"));
    navigator.mediaDevices
      .getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } })
      .then(begin)
      .catch(function () {
        setState("error", label("mic_error"));
      });
  }

  function begin(mediaStream) {
    stream = mediaStream;
    mime = pickMime();
    recorder = mime ? new MediaRecorder(stream, { mimeType: mime }) : new MediaRecorder(stream);
    chunks = [];
    shown = [];
    takeId = String(Date.now()) + "-" + Math.random().toString(36).slice(2, 10);
    el("comments").textContent = "";
    recorder.ondataavailable = function (event) {
      if (event.data && event.data.size) chunks.push(event.data);
    };
    recorder.onstop = finish;
    recorder.onstart = function () {
      t0 = performance.now();
      viewers = 20 + Math.floor(Math.random() * 40);
      (args.comments || []).forEach(function (comment) {
        timers.push(setTimeout(function () { showComment(comment); }, Number(comment.at_s) * 1000));
      });
      startClock();
      setState("recording", label("recording"));
    };
    recorder.start(1000);
  }

  function stop() {
    if (state !== "recording" || !recorder) return;
    clearTimers();
    setState("sending", label("sending"));
    recorder.stop();
  }

  function finish() {
    var duration = (performance.now() - t0) / 1000;
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    var blob = new Blob(chunks, { type: (recorder && recorder.mimeType) || mime || "audio/webm" });
    var reader = new FileReader();
    reader.onloadend = function () {
      var data = String(reader.result || "");
      send("streamlit:setComponentValue", {
        value: {
          take_id: takeId,
          mime: blob.type,
          duration_s: Math.round(duration * 100) / 100,
          audio: data.slice(data.indexOf(",") + 1),
          timeline: shown,
        },
        dataType: "json",
      });
      setState("sent", label("sent"));
    };
    reader.readAsDataURL(blob);
  }

  el("rec").addEventListener("click", function () {
    if (state === "recording") stop();
    else if (state === "idle" || state === "error") start();
  });

  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "streamlit:render") return;
    var first = args === null;
    args = data.args || {};
    if (data.disabled) args.disabled = true;
    renderStatic();
    if (first) setState("idle", label("ready"));
    else setState(state, el("status").textContent);
  });
  window.addEventListener("resize", resize);

  send("streamlit:componentReady", { apiVersion: 1 });
})();
