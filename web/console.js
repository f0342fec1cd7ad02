// zhixing web console: progressive enhancement only. Pages work without it; with it, progress
// bars fill and a running job's page polls its JSON until the job ends, then reloads.
(function () {
  'use strict';
  function fill(el) {
    var p = parseInt(el.getAttribute('data-percent') || '0', 10);
    el.style.width = Math.max(0, Math.min(100, p)) + '%';
  }
  function poll(box) {
    var url = box.getAttribute('data-poll');
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var p = data.progress || { total: 0, done: 0, failed: 0 };
        var finished = p.done + p.failed;
        var percent = p.total ? Math.floor(finished * 100 / p.total) : 0;
        box.querySelector('.p-done').textContent = finished;
        box.querySelector('.p-total').textContent = p.total;
        box.querySelector('.p-failed').textContent = p.failed;
        box.querySelector('.p-percent').textContent = percent + '%';
        var bar = box.querySelector('.fill');
        bar.setAttribute('data-percent', percent);
        fill(bar);
        var status = data.state || (data.execution && data.execution.status);
        if (status === 'running' || status === 'starting') {
          setTimeout(function () { poll(box); }, 1000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { setTimeout(function () { poll(box); }, 3000); });
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.progress .fill'), fill);
    Array.prototype.forEach.call(document.querySelectorAll('.progress[data-poll]'), function (box) {
      setTimeout(function () { poll(box); }, 800);
    });
  });
})();
