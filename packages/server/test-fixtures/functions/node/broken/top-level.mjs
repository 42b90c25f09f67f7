// Fails while the module loads, before any handler runs (an init error on Lambda).
throw new Error('cannot start: missing configuration');
