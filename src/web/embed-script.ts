/**
 * The script a council puts on its own site to offer webchat:
 *
 *   <script src="https://signpost.example.gov.uk/embed.js" data-organisation="lancashire" async></script>
 *
 * It adds one link, "Chat with an adviser (opens in a new window)", after itself or inside the element named
 * by `data-target`; the label can be changed with `data-label`. The chat itself runs on Signpost's page, so
 * the council's site never handles what the citizen types, and the script sets no cookies, uses no storage
 * and sends nothing until the citizen follows the link.
 */
export const EMBED_SCRIPT = `(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var organisation = script.getAttribute('data-organisation') || '';
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(organisation)) return;
  var origin = new URL(script.src, location.href).origin;
  var link = document.createElement('a');
  link.href = origin + '/chat/' + organisation;
  link.target = '_blank';
  link.rel = 'noopener';
  link.className = 'signpost-webchat-link';
  link.textContent = (script.getAttribute('data-label') || 'Chat with an adviser') + ' (opens in a new window)';
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
  var selector = script.getAttribute('data-target');
  var target = selector ? document.querySelector(selector) : null;
  if (target) target.appendChild(link);
  else if (script.parentNode) script.parentNode.insertBefore(link, script.nextSibling);
})();
`;
