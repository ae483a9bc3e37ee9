;;; statuslint-test.el --- Emacs and Eglot against a real statuslint server  -*- lexical-binding: t; -*-

;; STATUSLINT=/path/to/statuslint emacs --batch -l test/statuslint-test.el
;;
;; Opens the shared fixture in js-mode the way a user's `eglot-ensure' hook does, with a
;; severity override in `statuslint-initialization-options', and checks what the user would
;; see: a Flymake error underlining exactly the 531, a hover that explains it, and
;; `statuslint-explain' finding a code by phrase. Exits 0
;; when every check passes, 1 with the reason otherwise.

;;; Code:

(require 'package)
;; Emacs 29+ has Eglot built in: test that one, not an older packaged copy (Debian's elpa-eglot).
(when (>= emacs-major-version 29)
  ;; Debian's site-start puts its packages on `load-path' itself; its Eglot 1.9 and the older
  ;; project, xref and seq that came with it would shadow the built-in ones.
  (setq package-load-list '((eglot nil) (project nil) (xref nil) (seq nil) all))
  (setq load-path
        (seq-remove (lambda (dir) (string-match-p "/\\(eglot\\|project\\|xref\\|seq\\)-[0-9.]+/?\\'" dir))
                    load-path)))
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'rust-mode nil t)

(defconst statuslint-test-dir
  (file-name-directory (or load-file-name buffer-file-name)))
(load (expand-file-name "../statuslint.el" statuslint-test-dir) nil t)

(defconst statuslint-test-fixture
  (expand-file-name "../../test-fixtures/app.js" statuslint-test-dir))

(defconst statuslint-test-rust-fixture
  (expand-file-name "../../test-fixtures/main.rs" statuslint-test-dir))

(defconst statuslint-test-ts-fixture
  (expand-file-name "../../test-fixtures/handler.ts" statuslint-test-dir))

(defconst statuslint-test-timeout 20
  "Seconds to wait for an answer before calling it missing.")

(defun statuslint-test-say (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))

(defun statuslint-test-check (ok format-string &rest args)
  (unless ok
    (error "%s" (apply #'format format-string args))))

(defun statuslint-test-wait (predicate what)
  "Process server output until PREDICATE holds; fail naming WHAT after the timeout."
  (let ((deadline (+ (float-time) statuslint-test-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (statuslint-test-check (funcall predicate) "timed out waiting for %s" what)))

(defun statuslint-test-diagnostics ()
  ;; Flymake asks its backends when a command finishes; batch mode runs no commands.
  (flymake-start)
  (flymake-diagnostics))

(defun statuslint-test-line ()
  (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

(defun statuslint-test-complete (typed)
  "Type TYPED on a new last line, run `completion-at-point' and take its first candidate.
What a person does: \[completion-at-point], then (more than one candidate) pick the
first entry of *Completions*.  Returns the line as it is then, and removes it."
  (goto-char (point-max))
  (unless (bolp) (insert "\n"))
  (insert typed)
  ;; What the command loop does after a key: Eglot sends the change before the request.
  (run-hooks 'post-command-hook)
  (when-let ((window (get-buffer-window "*Completions*"))) (delete-window window))
  (when (get-buffer "*Completions*") (kill-buffer "*Completions*"))
  (let ((source (current-buffer)))
    (completion-at-point)
    (when (get-buffer-window "*Completions*")
      (statuslint-test-check (equal (statuslint-test-line) typed)
                             "completion-at-point after %S changed the line to %S before a choice"
                             typed (statuslint-test-line))
      (pop-to-buffer "*Completions*")
      (goto-char (point-min))
      ;; The first entry: the first text a click would choose.
      (let ((first (text-property-not-all (point-min) (point-max) 'mouse-face nil)))
        (statuslint-test-check first "*Completions* after %S lists nothing:\n%s" typed (buffer-string))
        (goto-char first))
      (choose-completion)
      (set-buffer source))
    (prog1 (statuslint-test-line)
      (delete-region (line-beginning-position) (line-end-position)))))

(defun statuslint-test-run ()
  (setq statuslint-program (or (getenv "STATUSLINT") "statuslint"))
  (setq statuslint-initialization-options '(:rules (:platform-reserved "error")))
  (statuslint-eglot-setup)
  (add-hook 'js-mode-hook #'eglot-ensure)
  (statuslint-test-say "Emacs %s, Eglot %s, server %s" emacs-version
                       (or (bound-and-true-p eglot-version)
                           (let ((lib (symbol-file 'eglot-ensure)))
                             (and lib (abbreviate-file-name (file-name-directory lib)))))
                       statuslint-program)
  (find-file statuslint-test-fixture)
  (statuslint-test-check (eq major-mode 'js-mode) "fixture opened in %s, not js-mode" major-mode)
  ;; What the command loop does after the file opens: `eglot-ensure' connects here.
  (run-hooks 'post-command-hook)
  (statuslint-test-wait (lambda () (bound-and-true-p eglot--managed-mode)) "Eglot to manage app.js")
  (let ((server (eglot-current-server)))
    (statuslint-test-check (equal (process-command (jsonrpc--process server))
                                  (list statuslint-program "lsp"))
                           "Eglot started %S" (process-command (jsonrpc--process server)))
    (statuslint-test-say "ok - Eglot started %s lsp" statuslint-program)

    ;; Diagnostics: the configured severity, on exactly the characters 531.
    (statuslint-test-wait (lambda () (statuslint-test-diagnostics)) "diagnostics for app.js")
    (let* ((reserved (seq-find (lambda (d) (string-match-p "Edgio" (flymake-diagnostic-text d)))
                               (flymake-diagnostics)))
           (text (and reserved (buffer-substring-no-properties
                                (flymake-diagnostic-beg reserved)
                                (flymake-diagnostic-end reserved)))))
      (statuslint-test-check reserved "no diagnostic names Edgio; got %S"
                             (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))
      (statuslint-test-check (equal text "531") "the diagnostic underlines %S, not 531" text)
      (statuslint-test-check (eq (flymake-diagnostic-type reserved) 'eglot-error)
                             "diagnostic type is %s, but initializationOptions made platform-reserved an error"
                             (flymake-diagnostic-type reserved))
      (statuslint-test-say "ok - platform-reserved error underlines 531 on line %d"
                           (line-number-at-pos (flymake-diagnostic-beg reserved)))

      ;; Hover on the 3 of 531.
      (goto-char (flymake-diagnostic-beg reserved))
      (let* ((hover (jsonrpc-request server :textDocument/hover
                                     (eglot--TextDocumentPositionParams)
                                     :timeout statuslint-test-timeout))
             (contents (plist-get hover :contents))
             (value (if (stringp contents) contents (plist-get contents :value))))
        (statuslint-test-check (stringp value) "hover on 531 returned %S" hover)
        (statuslint-test-check (and (string-match-p "531" value) (string-match-p "Edgio" value))
                               "hover on 531 does not mention Edgio: %s" value)
        (statuslint-test-say "ok - hover on 531 mentions Edgio")))
    ;; Completion by phrase, through `completion-at-point' as a person runs it.
    (dolist (case '(("  res.status(Too Many" . "  res.status(429")
                    ("  res.status(rate lim" . "  res.status(429")
                    ("  res.status(teapot" . "  res.status(418")
                    ("  reply.code(Too Many" . "  reply.code(429")))
      (let ((line (statuslint-test-complete (car case))))
        (statuslint-test-check (equal line (cdr case))
                               "completion-at-point after %S gave %S, expected %S"
                               (car case) line (cdr case))
        (statuslint-test-say "ok - completion-at-point after %S gives %S"
                             (string-trim (car case)) (string-trim line))))
    (set-buffer-modified-p nil)
    (eglot-shutdown server))

  ;; Rust, in rust-mode (Debian's elpa-rust-mode on Emacs 28).
  (add-hook 'rust-mode-hook #'eglot-ensure)
  (find-file statuslint-test-rust-fixture)
  (statuslint-test-check (eq major-mode 'rust-mode) "main.rs opened in %s, not rust-mode" major-mode)
  (run-hooks 'post-command-hook)
  (statuslint-test-wait (lambda () (bound-and-true-p eglot--managed-mode)) "Eglot to manage main.rs")
  (let ((line (statuslint-test-complete "    let busy = StatusCode::too_many")))
    (statuslint-test-check (equal line "    let busy = StatusCode::TOO_MANY_REQUESTS")
                           "completion-at-point after StatusCode::too_many gave %S" line)
    (statuslint-test-say "ok - completion-at-point after StatusCode::too_many gives StatusCode::TOO_MANY_REQUESTS"))
  (set-buffer-modified-p nil)
  (eglot-shutdown (eglot-current-server))

  ;; TypeScript in Emacs 29+'s typescript-ts-mode, set up as the README says, where a grammar
  ;; is installed (.ci/editors.sh builds one into STATUSLINT_TREESIT_DIR).
  (when-let ((dir (and (boundp 'treesit-extra-load-path) (getenv "STATUSLINT_TREESIT_DIR"))))
    (add-to-list 'treesit-extra-load-path dir))
  (statuslint-test-check (not (and (boundp 'treesit-extra-load-path)
                                   (getenv "STATUSLINT_TREESIT_DIR")
                                   (not (treesit-language-available-p 'typescript))))
                         "STATUSLINT_TREESIT_DIR=%s holds no typescript grammar Emacs %s can load"
                         (getenv "STATUSLINT_TREESIT_DIR") emacs-version)
  (if (not (and (fboundp 'treesit-language-available-p)
                (treesit-language-available-p 'typescript)))
      (statuslint-test-say "skip - typescript-ts-mode: no tree-sitter or no typescript grammar (Emacs %s)"
                           emacs-version)
    (add-to-list 'auto-mode-alist '("\\.ts\\'" . typescript-ts-mode))
    (add-hook 'typescript-ts-mode-hook #'eglot-ensure)
    (find-file statuslint-test-ts-fixture)
    (statuslint-test-check (eq major-mode 'typescript-ts-mode)
                           "handler.ts opened in %s, not typescript-ts-mode" major-mode)
    (run-hooks 'post-command-hook)
    (statuslint-test-wait (lambda () (bound-and-true-p eglot--managed-mode)) "Eglot to manage handler.ts")
    (let ((line (statuslint-test-complete "  res.status(Too Many")))
      (statuslint-test-check (equal line "  res.status(429")
                             "typescript-ts-mode: completion-at-point after res.status(Too Many gave %S" line)
      (statuslint-test-say "ok - typescript-ts-mode: completion-at-point after \"res.status(Too Many\" gives \"res.status(429\""))
    (set-buffer-modified-p nil)
    (eglot-shutdown (eglot-current-server)))

  ;; M-x statuslint-explain, which runs the binary without the server.
  (statuslint-explain "rate limit")
  (with-current-buffer "*statuslint explain*"
    (statuslint-test-check (string-match-p "^ *429 +Too Many Requests" (buffer-string))
                           "statuslint-explain \"rate limit\" shows no 429:\n%s" (buffer-string)))
  (statuslint-test-say "ok - statuslint-explain \"rate limit\" lists 429 Too Many Requests"))

(condition-case err
    (progn
      (statuslint-test-run)
      (statuslint-test-say "emacs: all checks passed")
      (kill-emacs 0))
  (error
   (princ (format "FAIL: %s\n" (error-message-string err)) #'external-debugging-output)
   (kill-emacs 1)))

;;; statuslint-test.el ends here
