// The share page's only inline script, allowed by the hash svelte.config.js computes from this very
// string (the page's Content-Security-Policy admits no other inline script). It loads the page's
// one script (src/lib/sharing/share-page-live.svelte.ts, URL in data-src) after the first contentful
// paint, so no JavaScript is requested before the report is on screen; a browser without paint
// timing loads it a second after the load event. Plain JavaScript: svelte.config.js imports it.

/** The loader's text, exactly as the page writes it inside its <script> element. */
export const LIVE_LOADER =
	'(()=>{' +
	'const src=document.currentScript.dataset.src;let started=false;' +
	'const start=()=>{if(!started){started=true;import(src);}};' +
	"try{new PerformanceObserver((list,observer)=>{if(list.getEntriesByName('first-contentful-paint').length){observer.disconnect();setTimeout(start);}}).observe({type:'paint',buffered:true});}catch{}" +
	"addEventListener('load',()=>setTimeout(start,1000));" +
	'})();';

/** Where the client build writes the page's script (vite.config.ts): a fixed name, so the server render knows it. */
export const LIVE_SCRIPT_PATH = '_app/share-page-live.js';

/**
 * The loader's element as the server writes it: where the live script is, and what the server
 * render tells it (`page`, as JSON), in attributes.
 * @param {string} src
 * @param {unknown} page
 * @returns {string}
 */
export function loaderElement(src, page) {
	return `<script data-src="${escapeAttribute(src)}" data-page="${escapeAttribute(JSON.stringify(page))}">${LIVE_LOADER}</script>`;
}

/**
 * For an attribute in double quotes: every character that could end it or start an entity.
 * @param {string} text
 */
function escapeAttribute(text) {
	return text.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);
}
