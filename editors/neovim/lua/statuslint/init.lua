-- statuslint for Neovim: starts `statuslint lsp` for JavaScript, TypeScript and Rust buffers.
--
-- One code path for Neovim 0.7 (Debian's) and 0.11+: 0.7 has neither `vim.lsp.start` nor
-- `vim.fs`, so the client is started with `vim.lsp.start_client` there, and root detection is
-- written here against `vim.loop` rather than borrowed from a newer runtime.

local M = {}

M.defaults = {
  cmd = { "statuslint", "lsp" },
  filetypes = { "javascript", "javascriptreact", "typescript", "typescriptreact", "rust", "python", "go" },
  -- In priority order: the nearest statuslint.toml wins even over a nearer package.json, so a
  -- monorepo with one statuslint.toml at the top runs one server with one configuration.
  root_markers = { "statuslint.toml", "package.json", "Cargo.toml", "pyproject.toml", "go.mod", ".git" },
  -- The server's configuration, sent as initializationOptions:
  -- { rules = { ["platform-reserved"] = "error" }, platforms = { "cloudflare" },
  --   allow = { 499 }, inlayHints = true }
  init_options = nil,
  on_attach = nil,
  capabilities = nil,
  -- Code lens above each route handler (`GET /users/:id -> 200, 404, 500`), kept current on
  -- BufEnter, InsertLeave and BufWritePost; running it lists where each status is sent.
  codelens = true,
}

local options = vim.deepcopy(M.defaults)
local group = nil

--- The nearest ancestor of `path` (a file or folder) holding one of `markers`, trying each
--- marker in turn; nil when none holds any.
function M.find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ":p")
  if vim.fn.isdirectory(dir) == 0 then
    dir = vim.fn.fnamemodify(dir, ":h")
  end
  dir = dir:gsub("/+$", "")
  if dir == "" then
    dir = "/"
  end
  for _, marker in ipairs(markers) do
    local current = dir
    while true do
      local candidate = (current == "/" and "" or current) .. "/" .. marker
      if vim.loop.fs_stat(candidate) then
        return current
      end
      local parent = vim.fn.fnamemodify(current, ":h")
      if parent == current then
        break
      end
      current = parent
    end
  end
  return nil
end

local function clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = "statuslint" })
  end
  local found = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do
    if client.name == "statuslint" then
      table.insert(found, client)
    end
  end
  return found
end

--- The running statuslint clients, for status lines and tests.
M.clients = clients

--- The program the server runs as: `setup`'s `cmd`, else 0.11's `vim.lsp.config`, else the
--- default.
function M.program()
  if group then
    return options.cmd[1]
  end
  local native = vim.lsp.config and vim.lsp.config.statuslint
  return (native and native.cmd and type(native.cmd) == "table" and native.cmd[1]) or M.defaults.cmd[1]
end

local notified = {}

--- Says once, visibly, that `program` cannot run; true when it can.
function M.check_program(program)
  if vim.fn.executable(program) == 1 then
    return true
  end
  if not notified[program] then
    notified[program] = true
    vim.notify(
      ("statuslint: `%s` is not an executable program. Install it (`cargo install --locked --path .` in a clone of statuslint)"
        .. ' or give its path in `cmd`; `:checkhealth statuslint` says more.'):format(program),
      vim.log.levels.ERROR
    )
  end
  return false
end

--- The statuslint client attached to `bufnr`, if any.
function M.client_of(bufnr)
  for _, client in ipairs(clients()) do
    local attached = client.attached_buffers and client.attached_buffers[bufnr]
      or vim.tbl_contains(vim.lsp.get_buffers_by_client_id(client.id), bufnr)
    if attached then
      return client
    end
  end
  return nil
end

-- What the first call of `omnifunc` found, for the second: the items, or that another
-- completion (`vim.lsp.omnifunc`) answers this time.
local pending = nil

--- Byte column of an LSP `character` on `line`, in the client's position encoding.
local function byte_column(line, character, encoding)
  if encoding == "utf-8" then
    return character
  end
  local ok, column = pcall(vim.str_byteindex, line, character, encoding ~= "utf-32")
  return ok and column or #line
end

--- 'omnifunc' for <C-x><C-o> in a status slot: `res.status(Too Many` becomes `res.status(429`.
---
--- Neovim's own `vim.lsp.omnifunc` before 0.10 replaces only the word before the cursor (`Many`)
--- and drops every item whose inserted text does not start with it, so a phrase finds nothing.
--- This one starts the completion where the server's edit starts (the first typed word) and
--- offers the items as ranked, inserting each one's text. Anywhere else it hands over to
--- `vim.lsp.omnifunc`, so completion of other words works as before.
function M.omnifunc(findstart, base)
  local bufnr = vim.api.nvim_get_current_buf()
  if findstart == 1 then
    pending = nil
    local client = M.client_of(bufnr)
    if client then
      local cursor = vim.api.nvim_win_get_cursor(0)
      local line = vim.api.nvim_get_current_line()
      local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
      local response = client.request_sync("textDocument/completion", params, 2000, bufnr)
      local result = response and response.result
      local items = result and (result.items or result) or {}
      local start = nil
      for _, item in ipairs(items) do
        local edit = item.textEdit
        local range = edit and (edit.range or edit.insert)
        if range and range.start.line == cursor[1] - 1 then
          local column = byte_column(line, range.start.character, client.offset_encoding)
          start = start and math.min(start, column) or column
        end
      end
      if start then
        table.sort(items, function(a, b)
          return (a.sortText or a.label) < (b.sortText or b.label)
        end)
        pending = { items = items }
        return start
      end
    end
    pending = { fallback = true }
    return vim.lsp.omnifunc(findstart, base)
  end
  if not pending or pending.fallback then
    pending = nil
    return vim.lsp.omnifunc(findstart, base)
  end
  local matches = {}
  for _, item in ipairs(pending.items) do
    local documentation = item.documentation
    if type(documentation) == "table" then
      documentation = documentation.value
    end
    table.insert(matches, {
      word = item.textEdit.newText,
      abbr = item.label,
      menu = item.detail or "",
      info = documentation or "",
      kind = item.kind == 21 and "Constant" or "Value",
      icase = 1,
      dup = 1,
      empty = 1,
    })
  end
  pending = nil
  return matches
end

-- 'omnifunc' is the plugin's unless the user chose one: Neovim leaves it empty, at the runtime's
-- JavaScript completion, or (0.11) at `vim.lsp.omnifunc`, none of which completes a phrase in
-- 0.7 or 0.9.
local RUNTIME_OMNIFUNCS = {
  [""] = true,
  ["javascriptcomplete#CompleteJS"] = true,
  ["v:lua.vim.lsp.omnifunc"] = true,
}

--- Runs a route's code lens (`statuslint.showStatuses`): where each status is sent, in the
--- quickfix list. Registered as `vim.lsp.commands["statuslint.showStatuses"]`.
function M.show_statuses(command, ctx)
  local locations = (command.arguments or {})[3] or {}
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  local encoding = client and client.offset_encoding or "utf-16"
  local items = vim.lsp.util.locations_to_items(locations, encoding)
  vim.fn.setqflist({}, " ", { title = command.title or "statuslint: statuses", items = items })
  vim.cmd("botright copen")
end

--- Keeps a buffer's code lenses (each route handler's statuses) current.
local function refresh_lenses(client, bufnr)
  local capable = client.server_capabilities and client.server_capabilities.codeLensProvider
  if not capable or not vim.lsp.codelens then
    return
  end
  local function refresh()
    if vim.fn.has("nvim-0.10") == 1 then
      vim.lsp.codelens.refresh({ bufnr = bufnr })
    elseif vim.api.nvim_get_current_buf() == bufnr then
      vim.lsp.codelens.refresh()
    end
  end
  vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost" }, {
    group = vim.api.nvim_create_augroup("statuslint-codelens-" .. bufnr, { clear = true }),
    buffer = bufnr,
    callback = refresh,
  })
  refresh()
end

local function on_attach(client, bufnr)
  if RUNTIME_OMNIFUNCS[vim.bo[bufnr].omnifunc] then
    vim.bo[bufnr].omnifunc = "v:lua.require'statuslint'.omnifunc"
  end
  if options.codelens then
    refresh_lenses(client, bufnr)
  end
  if options.on_attach then
    options.on_attach(client, bufnr)
  end
end

local function config_for(root)
  return {
    name = "statuslint",
    cmd = options.cmd,
    root_dir = root,
    init_options = options.init_options,
    on_attach = on_attach,
    capabilities = options.capabilities,
  }
end

local function executable_found()
  return M.check_program(options.cmd[1])
end

--- Starts (or reuses) the server for `bufnr`'s project and attaches the buffer to it.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" or vim.bo[bufnr].buftype ~= "" then
    return
  end
  if not executable_found() then
    return
  end
  local root = M.find_root(name, options.root_markers) or vim.fn.fnamemodify(name, ":p:h")
  if vim.lsp.start then
    vim.lsp.start(config_for(root), { bufnr = bufnr })
    return
  end
  -- Neovim 0.7: reuse the client already serving this root, or start one.
  for _, client in ipairs(clients()) do
    if client.config.root_dir == root and not client.is_stopped() then
      vim.lsp.buf_attach_client(bufnr, client.id)
      return
    end
  end
  local id = vim.lsp.start_client(config_for(root))
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

--- Stops every statuslint client and starts fresh ones for the buffers they served.
function M.restart()
  local buffers = {}
  for _, client in ipairs(clients()) do
    local attached = client.attached_buffers and vim.tbl_keys(client.attached_buffers)
      or vim.lsp.get_buffers_by_client_id(client.id)
    vim.list_extend(buffers, attached)
    vim.lsp.stop_client(client.id)
  end
  -- A stopped client lingers until the server has exited; attaching to it would be lost.
  vim.defer_fn(function()
    for _, bufnr in ipairs(buffers) do
      if vim.api.nvim_buf_is_valid(bufnr) then
        M.attach(bufnr)
      end
    end
  end, 500)
end

--- Shows the catalog entry for a code or the matches for a phrase in a scratch window.
function M.explain(query)
  local output = vim.fn.systemlist(vim.list_extend({ options.cmd[1], "explain" }, vim.split(query, " ")))
  if vim.v.shell_error ~= 0 and #output == 0 then
    output = { ("statuslint explain %s failed"):format(query) }
  end
  -- The command's hint names the shell command; here the way on is this one.
  for i, line in ipairs(output) do
    output[i] = line:gsub("Run `statuslint explain <code>`", "Run `:StatuslintExplain <code>`")
  end
  vim.cmd("botright new")
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].buftype = "nofile"
  vim.bo[bufnr].bufhidden = "wipe"
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, output)
  vim.bo[bufnr].modifiable = false
end

function M.setup(opts)
  options = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  vim.lsp.commands["statuslint.showStatuses"] = M.show_statuses
  notified = {}
  group = vim.api.nvim_create_augroup("statuslint", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = options.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  vim.api.nvim_create_user_command("StatuslintRestart", M.restart, { desc = "Restart statuslint" })
  vim.api.nvim_create_user_command("StatuslintExplain", function(args)
    M.explain(args.args)
  end, { nargs = "+", desc = "Explain an HTTP status code or search by phrase" })
  -- Buffers opened before setup (a lazily loaded plugin) get attached too.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(options.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

return M
