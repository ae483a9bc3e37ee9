-- Neovim 0.11+: with this plugin on the 'runtimepath', `vim.lsp.enable("statuslint")` is all it
-- takes. Extend or override any field with `vim.lsp.config("statuslint", { ... })`.
return {
  cmd = { "statuslint", "lsp" },
  filetypes = { "javascript", "javascriptreact", "typescript", "typescriptreact", "rust", "python", "go" },
  -- The same priority rule as `require("statuslint").setup{}`: statuslint.toml first.
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    if name == "" then
      return
    end
    local statuslint = require("statuslint")
    on_dir(statuslint.find_root(name, statuslint.defaults.root_markers) or vim.fs.dirname(name))
  end,
}
