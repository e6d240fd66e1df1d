// Discern's start script, inlined in the head of every page (docs/ARCHITECTURE.md#start):
// while the wasm module downloads, it fetches what every page reads before it draws. It
// chooses the interface's language and fetches its words; the module starts once they are
// in (the loader in Trunk.toml waits for `ready`), so the page first draws in them. The
// choice: the reader's own (kept in localStorage, `discern/v1/language`), else the first of
// the browser's languages that Discern speaks (`es`, `es-ES`, `es-MX`… are Spanish), else
// English. And it fetches the built-in articles (`window.discernCorpus`, below).
(() => {
  // The built-in articles, the files the page's `data-corpus` names (corpus::NAMES), each
  // within 10 seconds (browser::files::BUILTIN_WAIT_MS), so that a stalled connection never
  // holds the work back: `Promise.allSettled` of their texts, each refused with its HTTP
  // status, 0 for no answer in time, or -1 for the network's error.
  window.discernCorpus = Promise.allSettled(
    (document.documentElement.dataset.corpus || '').split(' ').filter(Boolean).map((name) =>
      Promise.race([
        fetch(`corpus/${name}`).then((r) => (r.ok ? r.text() : Promise.reject(r.status))),
        new Promise((_, no) => setTimeout(() => no(0), 10000)),
      ]).catch((e) => Promise.reject(typeof e === 'number' ? e : -1)),
    ),
  );

  // The languages Discern speaks: each one's code (its words are static/i18n/<code>.txt)
  // and its name in itself. Another language is one file there and one line here.
  const LANGUAGES = [
    ['en', 'English'],
    ['es', 'Español'],
  ];
  // The hash of the entries' names, which Trunk's hook writes here (scripts/i18n.mjs): a
  // file that starts otherwise is for another build.
  const HASH = '#!DISCERN_WORDS\n';
  const page = document.documentElement.dataset.page;
  const known = (c) => LANGUAGES.some(([k]) => k === c);
  let code;
  try {
    code = JSON.parse(localStorage.getItem('discern/v1/language')).language;
  } catch (e) {
    // No storage, or no choice kept.
  }
  if (!known(code)) {
    code = 'en';
    for (const tag of navigator.languages || [navigator.language]) {
      const base = String(tag).toLowerCase().split('-')[0];
      if (known(base)) {
        code = base;
        break;
      }
    }
  }
  document.documentElement.lang = code;
  // The words of language `c` for this page: the file's text, or its status (a number) or
  // the network's error. A copy for another build (an older one in the cache) is fetched
  // again, past the cache.
  const get = (c, reload) =>
    fetch(`i18n/${c}/${page}.txt`, reload ? { cache: 'reload' } : {}).then((r) =>
      r.ok ? r.text() : Promise.reject(r.status),
    );
  const load = (c) => get(c).then((text) => (text.startsWith(HASH) ? text : get(c, true)));
  const L = {
    code,
    // The languages for the app: `code name`, one a line.
    list: LANGUAGES.map((l) => l.join(' ')).join('\n'),
    load,
  };
  // Settled once the words are in (`text`), or the page says that they cannot be had: the
  // one screen whose words are written here, in both of Discern's languages, since there is
  // nothing else to read them from (and the app does not start, so nothing reads or writes
  // the stored work).
  L.ready = load(code).then(
    (text) => (L.text = text),
    (why) => {
      const file = `i18n/${code}/${page}.txt${typeof why === 'number' ? `, HTTP ${why}` : ''}`;
      const show = () => {
        document.body.innerHTML = `<main class="loading" id="main" role="alert"><h1>Discern</h1>
<p lang="en">Discern could not load the words of its interface (${file}). Your work saved in
this browser is untouched. Check the connection, then reload the page.</p>
<p lang="es">Discern no pudo cargar los textos de su interfaz (${file}). Tu trabajo guardado
en este navegador está intacto. Comprueba la conexión y vuelve a cargar la página.</p>
<button type="button" class="btn primary" onclick="location.reload()"><span lang="en">Reload</span>
· <span lang="es">Volver a cargar</span></button></main>`;
      };
      if (document.body) show();
      else addEventListener('DOMContentLoaded', show);
    },
  );
  window.discernLanguage = L;
})();
