-- Neovim 0.11's `vim.lsp.enable` skips a server whose program is not executable without a word,
-- so `vim.lsp.enable("statuslint")` with statuslint not installed looked like a server that
-- found nothing. Say it, once, when a buffer statuslint would serve opens.
-- A route's code lens runs `statuslint.showStatuses`: the quickfix list shows where each status
-- is sent, however the server was started.
vim.lsp.commands["statuslint.showStatuses"] = function(command, ctx)
  require("statuslint").show_statuses(command, ctx)
end

if vim.lsp.config == nil then
  return
end
vim.api.nvim_create_autocmd("FileType", {
  group = vim.api.nvim_create_augroup("statuslint-enabled", { clear = true }),
  pattern = require("statuslint").defaults.filetypes,
  callback = function()
    local enabled = vim.lsp.is_enabled and vim.lsp.is_enabled("statuslint")
      or (vim.lsp._enabled_configs ~= nil and vim.lsp._enabled_configs.statuslint ~= nil)
    if enabled then
      local statuslint = require("statuslint")
      statuslint.check_program(statuslint.program())
    end
  end,
})
