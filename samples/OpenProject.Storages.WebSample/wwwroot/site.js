// A little plain JavaScript: confirm before unlinking, drag and drop onto the upload zone, upload progress.
document.addEventListener("submit", event => {
  const form = event.target;
  if (form.matches("form.unlink") && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

for (const zone of document.querySelectorAll(".drop-zone")) {
  const input = document.getElementById(zone.dataset.dropFor);
  zone.addEventListener("dragover", event => { event.preventDefault(); zone.classList.add("dragging"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", event => {
    event.preventDefault();
    zone.classList.remove("dragging");
    input.files = event.dataTransfer.files;
    input.form.requestSubmit();
  });
}

// Large files: send the form with XMLHttpRequest so the browser can show how much has been sent.
for (const form of document.querySelectorAll("form.upload")) {
  form.addEventListener("submit", event => {
    event.preventDefault();
    const progress = document.createElement("progress");
    progress.max = 100;
    progress.setAttribute("aria-label", "Upload progress");
    form.append(progress);
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.addEventListener("progress", e => { if (e.lengthComputable) progress.value = Math.round(e.loaded * 100 / e.total); });
    request.addEventListener("load", () => { window.location.href = request.responseURL; });
    request.send(new FormData(form));
  });
}
