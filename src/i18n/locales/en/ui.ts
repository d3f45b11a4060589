/** The interface's words (generated layout; edit freely, keep both languages in step). */
export const ui = {
  app: {
    dropHere: "Drop the image anywhere: it stays on your device",
    tagline: "watch a Vision Transformer think — in your browser, nothing uploaded",
    starting: "starting…",
    samples: "Samples:",
    nonFinite: "Warning: this checkpoint's weights are not all finite numbers.",
    empty: {
      choose: "Choose the files of a Hugging Face ViT folder",
      optionally: ", optionally",
      andImage: ") and an image.",
    },
    lastPass: "Last forward pass with full trace: {{ms}} ms on {{backend}}.",
    local: "Everything runs on this device; no image or model leaves it.",
  },
  models: {
    default: "Default: objects ViT (trained here)",
    seedToy: "The seed article's toy ViT",
    mhsa: "The seed article's attention demo",
    randomTi: "Random weights, ViT-Ti/16 shape",
    randomB: "Random weights, ViT-B/16 shape",
  },
  toolbar: {
    modelFiles: "Model files…",
    image: "Image… (or drop / paste)",
    export: "Export trace.npz",
    backend: "Backend",
  },
  modelPicker: {
    label: "Model",
    hub: "Hub: {{id}}",
    own: "your own files",
  },
  stepper: {
    label: "Stages of the forward pass",
    loadingLabel: "Stages of the forward pass (loading)",
    previous: "Previous stage (←)",
    next: "Next stage (→)",
    pause: "❚❚ Pause",
    play: "▶ Play",
    inLayer: "inside encoder layer {{layer}} of {{numLayers}}",
  },
  common: {
    layerN: "layer {{layer}}",
    headN: "head {{head}}",
    layer: "Layer",
    head: "Head",
  },
  stagePanel: {
    boundary: "The “{{title}}” stage",
    shapes: "Shapes:",
  },
  keys: {
    keys: "Keys:",
    stage: "stage",
    layer: "layer",
    head: "head",
    click: "click a patch to choose the query token",
  },
  status: {
    dismiss: "Dismiss the error",
  },
  firstView: {
    arriving: "The model's weights and the engine are arriving. Every stage opens as soon as the first forward pass has run, here in your browser.",
  },
  offline: {
    version: "Version {{build}}",
    ready: "saved on this device: works offline",
    update: "A new version of ViT Lens is ready — reload to use it.",
    reloading: "Reloading…",
    reload: "Reload",
    later: "Later",
  },
  lang: {
    label: "Language",
  },
};
