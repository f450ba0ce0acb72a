-- Headless Neovim (0.7, push-only) running trainee mode through the server commands:
-- radlint.compareWithReference [traineeUri, referenceUri], then an edit, then radlint.clearComparison.
-- Usage: nvim --headless -u nvim-compare.lua TRAINEE   Env: LSP_CMD (JSON array), REFERENCE (path),
-- RESULT_JSON (where the result goes), TIMEOUT_MS. Writes { ok, error, steps... } and exits 0 on success.
vim.o.swapfile = false
vim.o.shadafile = 'NONE'

local env = function(k, d) local v = os.getenv(k); if v == nil or v == '' then return d end; return v end
local timeout = tonumber(env('TIMEOUT_MS', '15000'))
local result = { ok = false }
local SOURCE = 'radlint compare'

local function finish(ok, err)
  result.ok = ok
  result.error = err
  local f = io.open(env('RESULT_JSON', 'nvim-compare-result.json'), 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  for _, c in pairs(vim.lsp.get_active_clients()) do c.stop() end
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

-- Every push, to wait for the one of a given document version.
local pushes = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, res, ctx, config)
  table.insert(pushes, res)
  return publish(err, res, ctx, config)
end

local function of_source(bufnr, source, negate)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if (d.source == source) ~= (negate == true) then
      table.insert(out, { lnum = d.lnum, col = d.col, severity = d.severity, code = d.code, message = d.message })
    end
  end
  table.sort(out, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return out
end

-- The push of the buffer's current version (Neovim sends its own version numbers, util.buf_versions).
local function pushed_current(bufnr)
  return vim.wait(timeout, function()
    local version = vim.lsp.util.buf_versions[bufnr]
    for _, p in ipairs(pushes) do if p.version == version then return true end end
    return false
  end, 20)
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local reference = vim.fn.fnamemodify(env('REFERENCE', ''), ':p')
  local client_id = vim.lsp.start_client({
    name = 'radlint',
    cmd = vim.fn.json_decode(env('LSP_CMD', '')),
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h'),
  })
  if not client_id then return finish(false, 'start_client failed') end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  if not vim.wait(timeout, function() return client.initialized == true end, 20) then return finish(false, 'no initialize') end
  result.commands = client.server_capabilities.executeCommandProvider.commands
  -- The first push (the rules) before the comparison.
  if not pushed_current(bufnr) then return finish(false, 'no first push: ' .. vim.inspect(vim.tbl_map(function(p) return p.version end, pushes))) end
  result.rules_before = of_source(bufnr, SOURCE, true)

  local trainee_uri = vim.uri_from_bufnr(bufnr)
  local answer = client.request_sync('workspace/executeCommand',
    { command = 'radlint.compareWithReference', arguments = { trainee_uri, vim.uri_from_fname(reference) } }, timeout, bufnr)
  if not answer or answer.err then return finish(false, 'compare failed: ' .. vim.inspect(answer and answer.err)) end
  result.summary = answer.result.summary
  if not vim.wait(timeout, function() return #of_source(bufnr, SOURCE) > 0 end, 20) then
    return finish(false, 'no comparison diagnostics')
  end
  result.compared = of_source(bufnr, SOURCE)

  -- An edit: its push must carry the comparison again, with the rules.
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { 'Dictated by the resident.' })
  if not pushed_current(bufnr) then return finish(false, 'no push after the edit') end
  result.after_edit = of_source(bufnr, SOURCE)
  result.rules_after_edit = of_source(bufnr, SOURCE, true)

  local cleared = client.request_sync('workspace/executeCommand',
    { command = 'radlint.clearComparison', arguments = { trainee_uri } }, timeout, bufnr)
  result.cleared = cleared and cleared.result
  if not vim.wait(timeout, function() return #of_source(bufnr, SOURCE) == 0 end, 20) then
    return finish(false, 'the comparison diagnostics stayed after clearComparison')
  end
  result.rules_after_clear = of_source(bufnr, SOURCE, true)
  finish(true)
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = xpcall(run, debug.traceback)
    if not ok then finish(false, 'lua error: ' .. tostring(err)) end
  end,
})
