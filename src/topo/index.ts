/** What others may import from topo: read the sandbox's live network, draw it as text or DOT. */
export { readTopology, parseTopology, type Exec } from './read-topology.js';
export { renderText, type TextOptions } from './render-text.js';
export { renderDot } from './render-dot.js';
export { ROOT_NAMESPACE, defaultRoutes, type Bridge, type Cable, type LinkRef, type NetLink, type NetNamespace, type Route, type Topology } from './model.js';
export { drawTopology, TOPO_FORMATS, type TopoFormat } from './draw-topology.js';
