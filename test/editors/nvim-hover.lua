-- Headless Neovim (0.7) asking the server for a hover on a finding word and for document symbols.
-- Usage: nvim --headless -u nvim-hover.lua REPORT   Env: LSP_CMD (JSON array), WORD (to hover on),
-- RESULT_JSON, TIMEOUT_MS. Writes { ok, error, hover, symbols } and exits 0 on success.
vim.o.swapfile = false
vim.o.shadafile = 'NONE'

local env = function(k, d) local v = os.getenv(k); if v == nil or v == '' then return d end; return v end
local timeout = tonumber(env('TIMEOUT_MS', '15000'))
local result = { ok = false }

local function finish(ok, err)
  result.ok = ok
  result.error = err
  local f = io.open(env('RESULT_JSON', 'nvim-hover-result.json'), 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  for _, c in pairs(vim.lsp.get_active_clients()) do c.stop() end
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'radlint',
    cmd = vim.fn.json_decode(env('LSP_CMD', '')),
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h'),
  })
  if not client_id then return finish(false, 'start_client failed') end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  if not vim.wait(timeout, function() return client.initialized == true end, 20) then return finish(false, 'no initialize') end
  result.hoverProvider = client.server_capabilities.hoverProvider
  -- The first line holding the word, and the word's column.
  local word = env('WORD', 'effusion')
  local line, col
  for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local at = text:find(word, 1, true)
    if at then line, col = i - 1, at + 1; break end
  end
  if not line then return finish(false, 'word not in the report: ' .. word) end
  local uri = vim.uri_from_bufnr(bufnr)
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = line, character = col } }, timeout, bufnr)
  if not hover or hover.err or not hover.result then return finish(false, 'no hover: ' .. vim.inspect(hover)) end
  result.hover = hover.result.contents.value
  local symbols = client.request_sync('textDocument/documentSymbol', { textDocument = { uri = uri } }, timeout, bufnr)
  if not symbols or symbols.err then return finish(false, 'no symbols: ' .. vim.inspect(symbols)) end
  result.symbols = {}
  for _, s in ipairs(symbols.result or {}) do
    local children = {}
    for _, c in ipairs(s.children or {}) do table.insert(children, c.name) end
    table.insert(result.symbols, { name = s.name, children = children })
  end
  finish(true)
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = xpcall(run, debug.traceback)
    if not ok then finish(false, 'lua error: ' .. tostring(err)) end
  end,
})
