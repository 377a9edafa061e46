/**
 * The script a council puts on its own site to offer webchat:
 *
 *   <script src="https://signpost.example.gov.uk/embed.js" data-organisation="lancashire" async></script>
 *
 * It asks whether webchat is available (GET /api/webchat/:organisation/availability, no credentials) and adds one
 * link after itself or inside the element named by `data-target`:
 *   AVAILABLE    "Chat with an adviser (opens in a new window)" (`data-label` changes the first words);
 *   BUSY         "Chat with an adviser – all advisers are busy, you may have to wait (opens in a new window)";
 *   UNAVAILABLE  "Webchat is not available now – leave a message (opens in a new window)", or nothing at all with
 *                `data-when-unavailable="hide"`.
 * If the check fails, the plain link is shown. The chat itself runs on Signpost's page, so the council's site
 * never handles what the citizen types; the script sets no cookies, uses no storage, and sends nothing of the
 * visitor's but the availability request.
 */
export const EMBED_SCRIPT = `(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var organisation = script.getAttribute('data-organisation') || '';
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(organisation)) return;
  var origin = new URL(script.src, location.href).origin;
  var label = script.getAttribute('data-label') || 'Chat with an adviser';
  var hideWhenUnavailable = script.getAttribute('data-when-unavailable') === 'hide';
  var selector = script.getAttribute('data-target');
  var show = function (status) {
    if (status === 'UNAVAILABLE' && hideWhenUnavailable) return;
    var text = status === 'UNAVAILABLE' ? 'Webchat is not available now – leave a message' : status === 'BUSY' ? label + ' – all advisers are busy, you may have to wait' : label;
    place(text + ' (opens in a new window)', status || 'UNKNOWN');
  };
  var request = window.fetch ? fetch(origin + '/api/webchat/' + organisation + '/availability', { credentials: 'omit' }) : Promise.reject(new Error('no fetch'));
  request.then(function (response) { return response.ok ? response.json() : {}; }).then(function (answer) { show(answer && answer.status); }, function () { show(undefined); });
  function place(text, status) {
    var link = document.createElement('a');
    link.href = origin + '/chat/' + organisation;
    link.target = '_blank';
    link.rel = 'noopener';
    link.className = 'signpost-webchat-link';
    link.textContent = text;
    link.setAttribute('data-availability', status);
    var style = link.style;
    style.display = 'inline-block';
    style.padding = '8px 10px 7px';
    style.background = '#00703c';
    style.color = '#ffffff';
    style.fontWeight = '700';
    style.textDecoration = 'none';
    style.boxShadow = '0 2px 0 #002d18';
    link.addEventListener('focus', function () { style.outline = '3px solid #ffdd00'; style.background = '#ffdd00'; style.color = '#0b0c0c'; });
    link.addEventListener('blur', function () { style.outline = ''; style.background = '#00703c'; style.color = '#ffffff'; });
    var target = selector ? document.querySelector(selector) : null;
    if (target) target.appendChild(link);
    else if (script.parentNode) script.parentNode.insertBefore(link, script.nextSibling);
  }
})();
`;
