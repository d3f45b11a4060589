/** The comparison's words: two runs side by side and B − A. Keep both languages in step. */
export const comparePanels = {
  compare: {
    toggle: 'Compare two runs',
    imageOf: 'the image of run {{side}}: {{name}}',
    predicts: 'predicts {{label}} ({{p}} %)',
    title: 'Two runs side by side',
    loading: 'Loading the comparison…',
    explain:
      "Run A is the image and model above; run B is another image on the same model, or the same image on another model whose tokens line up with A's. Both follow the stage, layer, head and query chosen above (click a patch on either map to change the query). A and B share one colour scale; B − A uses a diverging scale centred on 0.",
    image: 'B: a gallery image',
    pickImage: 'choose an image…',
    file: 'or your own image',
    chooseFile: 'Choose an image…',
    model: "or A's image on another model",
    pickModel: 'choose a model…',
    disabledWhy:
      "Models whose tokens do not line up one to one with A's (another patch grid or other prefix tokens) are disabled: their arrays could not be compared position by position.",
    sameModel: 'the model of run A',
    otherTokens: 'other tokens: {{reason}}',
    copyLink: 'Copy link to this view',
    copied: 'Link copied',
    linkNote: 'Your own image cannot be put in a link (it never leaves this device): the link opens without run B.',
    badParam: '?compare={{text}} is not a gallery image or a model with the same tokens; it was ignored.',
    pick: 'Choose run B: a gallery image, your own image, or another model.',
    running: 'Running B…',
    failed: 'Run B failed: {{message}}',
    bMissing: 'B has no layer {{layer}} or head {{head}}.',
    attnTitle: 'Attention of {{query}} over the image (layer {{layer}}, head {{head}})',
    patchN: 'patch {{patch}}',
    sharedLegend: 'A and B (one scale)',
    diffLegend: 'B − A (0 in the middle)',
    noDiff: 'No difference view: the shapes differ ({{reason}}).',
    memory: {
      refuse:
        'Run B does not fit: run A holds {{held}} and B would add {{extra}}, {{total}} in all, more than the {{budget}} this page can hold. Nothing was made.',
      ask: 'Run B is large: run A holds {{held}} and B would add {{extra}}, {{total}} of the {{budget}} this page can hold. It may be slow, or the browser may run out of memory.',
      declined: 'You chose not to make run B.',
    },
  },
};
