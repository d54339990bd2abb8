// CommonJS entry (`require` and `import` both receive the plugin object itself).
import plugin from './plugin.js';

export = plugin;
