-- `:checkhealth statuslint`: whether the server can start, and what serves the current buffer.
-- Neovim 0.7 names the reporting functions `report_*`; 0.10+ names them `start`, `ok`, ...
local M = {}

local health = vim.health or require("health")
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local error = health.error or health.report_error
local info = health.info or health.report_info

function M.check()
  start("statuslint")
  local statuslint = require("statuslint")
  local program = statuslint.program()
  if vim.fn.executable(program) ~= 1 then
    error(
      ("`%s` is not an executable program, so the server cannot start"):format(program),
      {
        "Install it: `cargo install --locked --path .` in a clone of statuslint",
        'Or give its path: require("statuslint").setup{ cmd = { "/path/to/statuslint", "lsp" } }',
        'or vim.lsp.config("statuslint", { cmd = { "/path/to/statuslint", "lsp" } })',
      }
    )
    return
  end
  local version = vim.fn.systemlist({ program, "--version" })[1] or "?"
  ok(("`%s` runs: %s"):format(vim.fn.exepath(program), version))
  -- The report has a buffer of its own, so every client is listed, not the current buffer's.
  local running = statuslint.clients()
  if #running == 0 then
    warn("no statuslint client is running", {
      'Open a JavaScript, TypeScript or Rust file after require("statuslint").setup{} (any Neovim)'
        .. ' or vim.lsp.enable("statuslint") (0.11+)',
    })
  end
  for _, client in ipairs(running) do
    local buffers = client.attached_buffers and vim.tbl_keys(client.attached_buffers)
      or vim.lsp.get_buffers_by_client_id(client.id)
    local names = {}
    for _, bufnr in ipairs(buffers) do
      table.insert(names, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":~:."))
    end
    ok(("client %d serves %s from %s (positions in %s)"):format(
      client.id, table.concat(names, ", "), tostring(client.config.root_dir), tostring(client.offset_encoding)))
  end
end

return M
