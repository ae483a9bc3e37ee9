-- Headless end-to-end test: a real Neovim talks to a real `statuslint lsp`.
--
--   STATUSLINT=/path/to/statuslint nvim --headless -u test/init.lua
--
-- STATUSLINT_NVIM_SETUP=native (Neovim 0.11+) starts the server through `vim.lsp.enable` and
-- the plugin's lsp/statuslint.lua instead of `require("statuslint").setup{}`.
-- Exits 0 when every check passes; otherwise prints what was wrong and exits 1.

local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local plugin = vim.fn.fnamemodify(here, ":h")
local fixtures = vim.fn.fnamemodify(plugin, ":h") .. "/test-fixtures"
local server = os.getenv("STATUSLINT") or "statuslint"
local mode = os.getenv("STATUSLINT_NVIM_SETUP") or "setup"
local TIMEOUT = 20000

vim.opt.runtimepath:prepend(plugin)
vim.opt.swapfile = false
vim.opt.shadafile = "NONE"
vim.opt.showmode = false
vim.opt.shortmess:append("c")

local function say(message)
  io.stdout:write(message .. "\n")
end

local function fail(message)
  io.stderr:write("FAIL: " .. message .. "\n")
  local log = vim.lsp.get_log_path and vim.lsp.get_log_path()
  if log then
    io.stderr:write("(Neovim's LSP log: " .. log .. ")\n")
  end
  vim.cmd("cquit")
end

local function check(ok, message)
  if not ok then
    error(message, 0)
  end
end

local function statuslint_client(bufnr)
  return require("statuslint").client_of(bufnr)
end

--- The one answer of the statuslint client to a request, or an error naming what went wrong.
local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
  check(responses ~= nil, method .. ": no answer (" .. tostring(err) .. ")")
  local _, response = next(responses)
  check(response ~= nil, method .. ": no client answered")
  check(response.err == nil and response.error == nil, method .. " failed: " .. vim.inspect(response.err or response.error))
  return response.result
end

local function line_containing(bufnr, needle)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local at = line:find(needle, 1, true)
    if at then
      return index - 1, line, at - 1
    end
  end
  error("fixture has no line containing " .. needle, 0)
end

-- The key tests type into the editor's input queue (`nvim_input`, as a terminal would) and wait
-- for the editor to act on it, so the test runs in a coroutine that yields while it waits.
local finish

local function resume(co)
  local ok, err = coroutine.resume(co)
  if not ok then
    fail(tostring(err))
  elseif coroutine.status(co) == "dead" then
    finish()
  end
end

--- Yields until `predicate` holds (or the timeout passes); returns whether it holds.
local function await(predicate)
  local co = coroutine.running()
  local deadline = vim.loop.now() + TIMEOUT
  local timer = vim.loop.new_timer()
  timer:start(20, 20, vim.schedule_wrap(function()
    if predicate() or vim.loop.now() > deadline then
      timer:stop()
      timer:close()
      resume(co)
    end
  end))
  coroutine.yield()
  return predicate()
end

--- Types `typed` on a new last line of the current buffer as a person would, presses <C-x><C-o>
--- at its end, accepts the first item of the menu with <C-y> and returns the line as it is then.
local function complete_with_keys(typed)
  local bufnr = vim.api.nvim_get_current_buf()
  local last = vim.api.nvim_buf_line_count(bufnr)
  -- The typed line as written, not re-indented by the filetype's indent rules.
  vim.bo[bufnr].indentexpr = ""
  vim.bo[bufnr].autoindent = false
  vim.bo[bufnr].smartindent = false
  vim.bo[bufnr].cindent = false
  vim.api.nvim_input("Go" .. typed:gsub("<", "<lt>") .. "<C-x><C-o>")
  -- A menu, or (one match: Vim inserts it and shows none) a changed line.
  local answered = await(function()
    return vim.fn.pumvisible() == 1 or vim.api.nvim_buf_get_lines(bufnr, last, last + 1, false)[1] ~= typed
  end)
  local menu_line = vim.api.nvim_buf_get_lines(bufnr, last, last + 1, false)[1]
  check(answered, ("<C-x><C-o> after %q offered nothing (line: %q)"):format(typed, tostring(menu_line)))
  vim.api.nvim_input(vim.fn.pumvisible() == 1 and "<C-y><Esc>" or "<Esc>")
  await(function()
    return vim.api.nvim_get_mode().mode == "n"
  end)
  return vim.api.nvim_buf_get_lines(bufnr, last, last + 1, false)[1]
end

local function run()
  say("Neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. ", " .. mode .. " mode, server " .. server)
  if mode == "native" then
    check(vim.lsp.config ~= nil, "native mode needs Neovim 0.11+")
    vim.lsp.config("statuslint", { cmd = { server, "lsp" } })
    vim.lsp.enable("statuslint")
  else
    require("statuslint").setup({ cmd = { server, "lsp" } })
  end
  vim.cmd("filetype on")
  vim.cmd("edit " .. vim.fn.fnameescape(fixtures .. "/app.js"))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == "javascript", "fixture filetype is " .. vim.bo[bufnr].filetype)

  check(vim.wait(TIMEOUT, function()
    return statuslint_client(bufnr) ~= nil
  end, 50), "no statuslint client attached to app.js")
  local client = statuslint_client(bufnr)
  check(client.config.root_dir == fixtures, "root is " .. tostring(client.config.root_dir) .. ", expected " .. fixtures .. " (its statuslint.toml)")
  local omnifunc = mode == "native" and "v:lua.vim.lsp.omnifunc" or "v:lua.require'statuslint'.omnifunc"
  check(vim.bo[bufnr].omnifunc == omnifunc, "'omnifunc' is " .. vim.bo[bufnr].omnifunc .. ", expected " .. omnifunc)
  say("ok - attached, root " .. client.config.root_dir .. ", position encoding " .. tostring(client.offset_encoding))

  -- Diagnostics: a platform-reserved warning exactly on `531`.
  check(vim.wait(TIMEOUT, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50), "no diagnostics published for app.js")
  local lnum, line, col = line_containing(bufnr, "res.status(531)")
  col = col + #"res.status("
  local reserved = nil
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    if diagnostic.code == "platform-reserved" then
      reserved = diagnostic
    end
  end
  check(reserved ~= nil, "no platform-reserved diagnostic; got " .. vim.inspect(vim.diagnostic.get(bufnr)))
  check(reserved.severity == vim.diagnostic.severity.WARN, "platform-reserved severity is " .. tostring(reserved.severity) .. ", expected a warning")
  check(reserved.source == "statuslint", "diagnostic source is " .. tostring(reserved.source))
  check(
    reserved.lnum == lnum and reserved.col == col and reserved.end_lnum == lnum and reserved.end_col == col + 3,
    ("platform-reserved at %d:%d-%d:%d, expected %d:%d-%d:%d (the 531 in %q)"):format(
      reserved.lnum, reserved.col, reserved.end_lnum, reserved.end_col, lnum, col, lnum, col + 3, line
    )
  )
  check(reserved.message:find("Edgio", 1, true) ~= nil, "message does not name Edgio: " .. reserved.message)
  say(("ok - platform-reserved warning at line %d, column %d"):format(lnum + 1, col + 1))

  -- Hover on the 1 of 531.
  vim.api.nvim_win_set_cursor(0, { lnum + 1, col + 1 })
  local hover = request(bufnr, "textDocument/hover", vim.lsp.util.make_position_params(0, client.offset_encoding))
  check(type(hover) == "table" and hover.contents ~= nil, "hover on 531 returned nothing")
  local text = type(hover.contents) == "table" and (hover.contents.value or vim.inspect(hover.contents)) or tostring(hover.contents)
  check(text:find("531", 1, true) and text:find("Edgio", 1, true), "hover on 531 does not mention Edgio: " .. text)
  say("ok - hover on 531 mentions Edgio")

  -- Code lens: each route's statuses above it; running one lists where they are sent.
  if mode == "native" then
    -- `vim.lsp.enable` users refresh lenses themselves (the README's autocmd); do it for them.
    vim.lsp.codelens.refresh({ bufnr = bufnr })
  end
  local health_line = line_containing(bufnr, 'app.get("/health"')
  local lens
  check(vim.wait(TIMEOUT, function()
    for _, found in ipairs(vim.lsp.codelens.get(bufnr) or {}) do
      if found.range.start.line == health_line and found.command then
        lens = found
      end
    end
    return lens ~= nil
  end, 50), "no code lens above app.get(\"/health\"): " .. vim.inspect(vim.lsp.codelens.get(bufnr)))
  check(lens.command.title == "GET /health -> 200", "code lens title is " .. lens.command.title)
  vim.api.nvim_win_set_cursor(0, { health_line + 1, 0 })
  vim.lsp.codelens.run()
  check(vim.wait(TIMEOUT, function()
    return #vim.fn.getqflist() > 0
  end, 50), "running the code lens filled no quickfix list")
  local item = vim.fn.getqflist()[1]
  local listed = vim.api.nvim_buf_get_lines(bufnr, item.lnum - 1, item.lnum, false)[1] or ""
  check(item.lnum == health_line + 1 and listed:sub(item.col, item.col + 2) == "200",
    "the quickfix entry is " .. vim.inspect(item) .. ", not the 200 on line " .. (health_line + 1))
  vim.cmd("cclose")
  vim.fn.setqflist({}, "r")
  vim.api.nvim_set_current_buf(bufnr)
  say("ok - code lens " .. lens.command.title .. "; running it lists the 200")

  -- Completion after a phrase typed where a code belongs.
  local typed = 'app.get("/busy", (req, res) => res.status(Too Many'
  local last = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, last, last, false, { typed })
  local completion = request(bufnr, "textDocument/completion", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = last, character = #typed },
    context = { triggerKind = 1 },
  })
  check(completion ~= nil, "completion after `res.status(Too Many` returned nothing")
  local items = completion.items or completion
  check(#items > 0, "completion after `res.status(Too Many` returned no items")
  table.sort(items, function(a, b)
    return (a.sortText or a.label) < (b.sortText or b.label)
  end)
  local first = items[1]
  local inserted = first.textEdit and first.textEdit.newText or first.insertText or first.label
  check(inserted == "429", ("first completion inserts %q (%s), expected 429"):format(inserted, first.label))
  local range = first.textEdit and (first.textEdit.range or first.textEdit.replace)
  local start = #typed - #"Too Many"
  check(
    range and range.start.line == last and range.start.character == start and range["end"].character == #typed,
    "completion does not replace the typed words: " .. vim.inspect(range)
  )
  say("ok - completion after `res.status(Too Many` inserts 429 (" .. first.label .. ")")

  -- The same through the keys a person presses, in the editor's own completion menu.
  vim.api.nvim_buf_set_lines(bufnr, last, -1, false, {})
  for _, case in ipairs({
    { 'app.get("/busy", (req, res) => res.status(Too Many', 'app.get("/busy", (req, res) => res.status(429' },
    { "  res.status(rate lim", "  res.status(429" },
    { "  res.status(teapot", "  res.status(418" },
    { "  reply.code(Too Many", "  reply.code(429" },
  }) do
    local line = complete_with_keys(case[1])
    check(line == case[2], ("<C-x><C-o><C-y> after %q gave %q, expected %q"):format(case[1], line, case[2]))
    say(("ok - <C-x><C-o> after `%s` gives `%s`"):format(case[1]:match("[%w.]+%(.*$"), line:match("[%w.]+%(.*$")))
  end
  vim.cmd("edit! " .. vim.fn.fnameescape(fixtures .. "/app.js"))

  -- Rust: `StatusCode::too_many` becomes the constant.
  vim.cmd("edit " .. vim.fn.fnameescape(fixtures .. "/main.rs"))
  local rust = vim.api.nvim_get_current_buf()
  check(vim.wait(TIMEOUT, function()
    return statuslint_client(rust) ~= nil
  end, 50), "no statuslint client attached to main.rs")
  local line = complete_with_keys("    let busy = StatusCode::too_many")
  check(line == "    let busy = StatusCode::TOO_MANY_REQUESTS", "<C-x><C-o><C-y> after StatusCode::too_many gave " .. line)
  say("ok - <C-x><C-o> after StatusCode::too_many gives StatusCode::TOO_MANY_REQUESTS")
  vim.cmd("edit! " .. vim.fn.fnameescape(fixtures .. "/main.rs"))

  -- Python and Go: their filetypes attach the server, and completion writes each one's spelling.
  for _, case in ipairs({
    { "app.py", "    raise HTTPException(status_code=Too Many", "    raise HTTPException(status_code=429" },
    { "main.go", "\tw.WriteHeader(http.Statusteapot", "\tw.WriteHeader(http.StatusTeapot" },
  }) do
    vim.cmd("edit " .. vim.fn.fnameescape(fixtures .. "/" .. case[1]))
    local buffer = vim.api.nvim_get_current_buf()
    check(vim.wait(TIMEOUT, function()
      return statuslint_client(buffer) ~= nil
    end, 50), "no statuslint client attached to " .. case[1])
    local typed = complete_with_keys(case[2])
    check(typed == case[3], ("<C-x><C-o><C-y> in %s after %q gave %q"):format(case[1], case[2], typed))
    say(("ok - %s: <C-x><C-o> after `%s` gives `%s`"):format(case[1], vim.trim(case[2]), vim.trim(typed)))
    vim.cmd("edit! " .. vim.fn.fnameescape(fixtures .. "/" .. case[1]))
  end
  vim.cmd("buffer " .. bufnr)

  -- :checkhealth statuslint finds the server and the client serving the buffer.
  vim.cmd("checkhealth statuslint")
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  check(report:find("runs: statuslint", 1, true) and report:find("serves [^\n]*app%.js"),
    ":checkhealth statuslint says:\n" .. report)
  say("ok - :checkhealth statuslint finds the server and the client serving app.js")
  vim.cmd("bwipeout!")
  vim.cmd("buffer " .. bufnr)

  -- :StatuslintExplain (setup mode only: it is the plugin's command).
  if mode == "setup" then
    vim.cmd("StatuslintExplain rate limit")
    local shown = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
    check(shown:find("429%s+Too Many Requests") ~= nil, ":StatuslintExplain rate limit shows no 429:\n" .. shown)
    check(shown:find(":StatuslintExplain <code>", 1, true) ~= nil and not shown:find("`statuslint explain", 1, true),
      ":StatuslintExplain points Neovim users at a shell command:\n" .. shown)
    say("ok - :StatuslintExplain rate limit lists 429 Too Many Requests")
  end

  -- A server that is not installed says so on screen, in either setup.
  local messages = {}
  local notify = vim.notify
  vim.notify = function(message)
    table.insert(messages, message)
  end
  local missing = "/nonexistent/statuslint"
  if mode == "native" then
    vim.lsp.config("statuslint", { cmd = { missing, "lsp" } })
  else
    require("statuslint").setup({ cmd = { missing, "lsp" } })
  end
  vim.cmd("edit " .. vim.fn.fnameescape(vim.fn.tempname() .. ".js"))
  local told = vim.wait(TIMEOUT, function()
    return #messages > 0
  end, 20)
  vim.notify = notify
  check(told, "no message when the server program " .. missing .. " is missing")
  check(messages[1]:find(missing, 1, true) and messages[1]:find("checkhealth", 1, true),
    "the missing-server message does not name the program and :checkhealth: " .. messages[1])
  say("ok - a missing server program is reported on screen")
end

vim.api.nvim_create_autocmd("VimEnter", {
  once = true,
  -- Nested, or opening the fixture would not fire the BufRead and FileType autocommands.
  nested = true,
  callback = function()
    finish = function()
      say(("neovim: %d passed, 0 failed"):format(mode == "setup" and 13 or 12))
      vim.cmd("qall!")
    end
    resume(coroutine.create(run))
  end,
})
