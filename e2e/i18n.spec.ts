import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { uploadModel, waitReady, waitState } from './support/page';

const STAGES = ['patches', 'patch-embedding', 'position', 'norm1', 'qkv', 'scores', 'context', 'attn-out', 'mlp', 'classifier'];
const ANALYSES = ['rollout', 'distance', 'position', 'filters', 'qk', 'ablation', 'classmap', 'norms', 'lens', 'faithfulness', 'mask'];

/**
 * English left on the page: runs of three or more English words in the visible text, outside what
 * stays as it is (formulas, tensor shapes, code, file and tensor names, quoted paper titles, class labels).
 */
async function englishSentences(page: Page, root = 'body'): Promise<string[]> {
  return page
    .locator(root)
    .first()
    .evaluate((el) => {
      const clone = el.cloneNode(true) as HTMLElement;
      // the model's own class labels (bars, chart legends) and the backend's technical description stay as they are
      const skip =
        '.katex, code, pre, kbd, script, style, option, [data-testid="stage-shapes"], [data-testid="backend"], .bar-label, .chart-legend';
      clone.querySelectorAll(skip).forEach((n) => n.remove());
      // visible text only: the clone lost layout, so read the text of the live nodes that are shown
      const text = clone.innerText ?? clone.textContent ?? '';
      const withoutTitles = text.replace(/"[^"]*"/g, ' ').replace(/“[^”]*”/g, ' ');
      const found = withoutTitles.match(/\b[A-Za-z][a-z]+(?:[ ,'’-]+[A-Za-z][a-z]+){2,}\b/g) ?? [];
      // names that stay as published
      const names = /Vision Transformer|Hugging Face|Noto Color Emoji|PyTorch|Zuidema|Wolf|Gur/;
      return found.filter((s) => !names.test(s));
    });
}

test.describe('简体中文', () => {
  test('?lang=zh-CN: every stage, the attention views and every analysis tab speak Chinese', async ({ page }, testInfo) => {
    await page.goto('/?lang=zh-CN');
    await waitReady(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page).toHaveTitle('ViT Lens——看 Vision Transformer 如何“思考”');
    await expect(page.getByTestId('lang-select')).toHaveValue('zh-CN');
    await expect(page.locator('h1 .tagline')).toContainText('浏览器');
    await expect(page.getByTestId('status')).toContainText('就绪');
    const leftovers: string[] = [];
    for (const stage of STAGES) {
      await page.getByTestId(`stage-${stage}`).click();
      const panel = page.getByTestId('stage-panel');
      await expect(panel).toHaveAttribute('data-stage', stage);
      await expect(panel.locator('h2')).toContainText(/[\u4e00-\u9fff]/);
      await expect(panel.locator('.explain').first()).toContainText(/[\u4e00-\u9fff]/);
      leftovers.push(...(await englishSentences(page, '[data-testid="stage-panel"]')).map((s) => `${stage}: ${s}`));
    }
    await page.getByTestId('stage-patches').click();
    await expect(page.getByTestId('stage-panel')).toContainText('图像块');
    await page.getByTestId('stage-scores').click();
    await expect(page.getByTestId('stage-panel')).toContainText('注意力权重');
    // the attention views, the header, the preprocessing column and the model card
    leftovers.push(...(await englishSentences(page, '.app > header')).map((s) => `header: ${s}`));
    leftovers.push(...(await englishSentences(page, 'main.grid')).map((s) => `main: ${s}`));
    await expect(page.locator('#attention-title')).toHaveText('注意力权重');
    await page.locator('main.grid').screenshot({ path: testInfo.outputPath('zh-main.png') });
    for (const id of ANALYSES) {
      await page.getByTestId(`analysis-tab-${id}`).click();
      const panel = page.getByTestId('analysis-panel');
      await expect(panel).toHaveAttribute('data-analysis', id);
      await expect(panel.locator('h3')).toContainText(/[\u4e00-\u9fff]/);
      if (id === 'mask') {
        await page.getByTestId('mask-grid').focus();
        await page.keyboard.press('Space');
        await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'done');
      }
      leftovers.push(...(await englishSentences(page, '[data-testid="analyses"]')).map((s) => `${id}: ${s}`));
    }
    await page.getByTestId('analyses').screenshot({ path: testInfo.outputPath('zh-analyses.png') });
    expect(leftovers).toEqual([]);
  });

  test('switching back restores English, and the choice survives a reload', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    // Playwright's browser says en-US: English by default
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('stage-panel').locator('h2')).toContainText('Preprocess and cut into patches');
    await page.getByTestId('lang-select').selectOption('zh-CN');
    await expect(page.getByTestId('stage-panel').locator('h2')).toContainText('预处理并切分图像块');
    await expect(page.locator('#attention-title')).toHaveText('注意力权重');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page).toHaveTitle(/^ViT Lens——看 Vision Transformer/);
    // the memoised overview follows too
    await expect(page.getByTestId('overview-0-0')).toHaveAttribute('aria-label', '打开第 0 层第 0 个头');
    await page.reload();
    await waitReady(page);
    await expect(page.getByTestId('lang-select')).toHaveValue('zh-CN');
    await expect(page.getByTestId('stage-panel').locator('h2')).toContainText('预处理并切分图像块');
    await page.getByTestId('lang-select').selectOption('en');
    await expect(page.getByTestId('stage-panel').locator('h2')).toContainText('Preprocess and cut into patches');
    await expect(page.locator('#attention-title')).toHaveText('Attention weights');
    await expect(page).toHaveTitle('ViT Lens — watch a Vision Transformer think');
    expect(await englishSentences(page, '#attention-title')).toEqual([]);
    await page.reload();
    await waitReady(page);
    await expect(page.getByTestId('lang-select')).toHaveValue('en');
    // the address wins over the remembered choice, and only known values count
    await page.goto('/?lang=zh-CN');
    await waitReady(page);
    await expect(page.getByTestId('lang-select')).toHaveValue('zh-CN');
    await page.goto('/?lang=fr');
    await waitReady(page);
    await expect(page.getByTestId('lang-select')).toHaveValue('en');
  });

  test('an error dismissed in Chinese leaves the status in Chinese', async ({ page }) => {
    await page.goto('/?lang=zh-CN');
    await waitReady(page);
    const ready = await page.getByTestId('status').textContent();
    expect(ready).toMatch(/^就绪/);
    await uploadModel(page, [{ name: 'config.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') }]);
    await waitState(page, 'error');
    await expect(page.getByTestId('error-message')).toHaveText(
      '缺少 model.safetensors（你选择的是：config.json）。请选择一个 Hugging Face 模型文件夹中的文件。',
    );
    await page.getByRole('alert').getByRole('button').click();
    await expect(page.getByTestId('error-message')).toHaveCount(0);
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('status')).toHaveText(ready!);
  });

  test('a file that is no image is refused in Chinese', async ({ page }) => {
    await page.goto('/?lang=zh-CN');
    await waitReady(page);
    await page.getByTestId('image-input').setInputFiles({ name: 'paper.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
    await expect(page.getByTestId('error-message')).toHaveText('paper.pdf：这是 PDF 文档，不是图像');
    await expect(page.getByTestId('status')).toHaveText('出错了；仍显示之前的结果。');
  });

  test("the Hub's errors speak Chinese: a bad model id, a missing model", async ({ page }) => {
    // a stand-in for the Hub that has nothing: nothing leaves the machine
    await page.route('https://huggingface.co/**', (route) => route.fulfill({ status: 404, body: 'Entry not found' }));
    await page.goto('/?lang=zh-CN');
    await waitReady(page);
    await page.getByTestId('hub-panel').locator('summary').click();
    await page.getByTestId('hub-model-id').fill('bad id!!');
    await page.getByTestId('hub-load').click();
    await expect(page.getByTestId('error-message')).toHaveText(
      '“bad id!!”不是 Hugging Face 模型 ID：请写成 所有者/名称，例如 google/vit-base-patch16-224',
    );
    await page.getByTestId('hub-model-id').fill('nobody/nothing');
    await page.getByTestId('hub-load').click();
    await expect(page.getByTestId('error-message')).toContainText('nobody/nothing：在 https://huggingface.co/nobody/nothing/resolve/main/config.json 找不到 config.json（HTTP 404）');
  });

  test('a browser that prefers Chinese gets Chinese', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/');
    await waitReady(page);
    await expect(page.getByTestId('lang-select')).toHaveValue('zh-CN');
    await expect(page.getByTestId('stage-panel').locator('h2')).toContainText('预处理并切分图像块');
    await context.close();
  });

  test('axe: no serious or critical violations on the main views in Chinese', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/?lang=zh-CN');
    await waitReady(page);
    const problems: string[] = [];
    const check = async (where: string, region?: string) => {
      // colour contrast is the theme's (issue 16, item 2, checked in English and both themes by its own spec);
      // every other rule counts here, in Chinese. After the whole page once, only the part that changed.
      const builder = new AxeBuilder({ page }).disableRules(['color-contrast']);
      const result = await (region ? builder.include(region) : builder).analyze();
      for (const v of result.violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          problems.push(
            `${where}: ${v.id} (${v.impact}) ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
    };
    await check('the whole page');
    for (const stage of STAGES) {
      await page.getByTestId(`stage-${stage}`).click();
      await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', stage);
      await check(`stage ${stage}`, '[data-testid="stage-panel"]');
    }
    for (const id of ANALYSES) {
      await page.getByTestId(`analysis-tab-${id}`).click();
      await expect(page.getByTestId('analysis-panel')).toHaveAttribute('data-analysis', id);
      await check(`analysis ${id}`, '[data-testid="analyses"]');
    }
    expect(problems).toEqual([]);
  });
});
