-- A real editor talking to `jixiao lsp`: Neovim's built-in LSP client (written for 0.7, the
-- version Debian 12 ships: vim.lsp.start_client / buf_attach_client / formatting_sync, with
-- vim.lsp.buf.format where it exists) opens $FILE and proves that diagnostics, hover and
-- formatting arrive.
-- Run by editors/neovim/test.sh; exits 0 when all three work, 1 otherwise.

local failures = 0
local function check(ok, what, detail)
  if ok then
    print("ok   " .. what)
  else
    failures = failures + 1
    print("FAIL " .. what .. (detail and (": " .. detail) or ""))
  end
end

local function main()
  local jixiao = os.getenv("JIXIAO") or "jixiao"
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("FILE")))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = "jixiao"

  local client_id = vim.lsp.start_client({
    name = "jixiao",
    cmd = { jixiao, "lsp" },
    root_dir = vim.fn.getcwd(),
  })
  check(client_id ~= nil, "server started")
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- Diagnostics: the vague target 满意 is JX0101, as `jixiao check` says.
  local arrived = vim.wait(20000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(codes, tostring(code) .. " " .. d.message:gsub("\n.*", ""))
  end
  check(arrived and table.concat(codes, "; "):find("JX0101") ~= nil, "diagnostics", table.concat(codes, "; "))

  -- Hover on 大于70%: the normalized meaning.
  local client = vim.lsp.get_client_by_id(client_id)
  local row = vim.fn.search("大于70%") - 1
  local line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1]
  local byte = line:find("大于70%", 1, true) - 1
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = row, character = vim.str_utfindex(line, byte) + 1 },
  }
  local hover = client.request_sync("textDocument/hover", params, 10000, bufnr)
  local text = hover and hover.result and hover.result.contents and hover.result.contents.value or ""
  check(text:find("> 70%", 1, true) ~= nil, "hover", text)

  -- Formatting: the buffer becomes what `jixiao fmt` writes.
  if vim.lsp.buf.format then -- 0.8 and later
    vim.lsp.buf.format({ bufnr = bufnr, timeout_ms = 10000 })
  else -- 0.7
    vim.lsp.buf.formatting_sync(nil, 10000)
  end
  local after = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  check(after:find("网络安全知识知晓率  > 70%", 1, true) ~= nil, "formatting", after)
  vim.lsp.stop_client(client_id)
end

local ok, problem = pcall(main)
if not ok then
  check(false, "script", tostring(problem))
end
if failures == 0 then
  print("neovim: diagnostics, hover and formatting arrived")
  vim.cmd("qall!")
else
  vim.cmd("cquit 1")
end
