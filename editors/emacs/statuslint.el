;;; statuslint.el --- HTTP status codes, checked: statuslint in Eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, tools
;; URL: https://github.com/statuslint/statuslint
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; Registers `statuslint lsp' with Eglot for JavaScript, TypeScript and Rust buffers:
;;
;;   (require 'statuslint)
;;   (statuslint-eglot-setup)
;;   (add-hook 'js-mode-hook #'eglot-ensure)
;;
;; Eglot runs one server per buffer, so for these modes statuslint takes the place of
;; typescript-language-server or rust-analyzer.  See README.md beside this file.

;;; Code:

(require 'cl-lib)
(require 'eglot)

(defgroup statuslint nil
  "HTTP status code checks from the statuslint language server."
  :group 'tools
  :prefix "statuslint-")

(defcustom statuslint-program "statuslint"
  "The statuslint executable: a name on `exec-path', or an absolute file name."
  :type 'string)

(defcustom statuslint-initialization-options nil
  "The server's configuration, a plist sent as LSP initializationOptions.
For example:
  (:rules (:platform-reserved \"error\" :unofficial-code \"off\")
   :platforms [\"cloudflare\" \"edgio\"]
   :allow [499]
   :inlayHints t)
Nil leaves every setting at the server's default (and statuslint.toml, where the
server reads one)."
  :type '(plist))

;; Eglot 1.9 sends one languageId for every buffer of a server, so each language gets its own
;; entry and hence its own server.  Derived modes come before their parents (`js-jsx-mode'
;; derives from `js-mode') because Eglot takes the first entry that matches.
(defconst statuslint-major-modes
  '((js-jsx-mode . "javascriptreact")
    (js-mode . "javascript")
    (js-ts-mode . "javascript")
    (tsx-ts-mode . "typescriptreact")
    (typescript-ts-mode . "typescript")
    (typescript-mode . "typescript")
    (rustic-mode . "rust")
    (rust-ts-mode . "rust")
    (rust-mode . "rust"))
  "Major modes statuslint serves, with the LSP languageId each one sends.")

(defun statuslint-eglot-contact (&optional _interactive)
  "The command Eglot runs, read at each start so customizations apply."
  (append (list statuslint-program "lsp")
          (when statuslint-initialization-options
            (list :initializationOptions statuslint-initialization-options))))

;;;###autoload
(defun statuslint-eglot-setup ()
  "Make Eglot start statuslint for JavaScript, TypeScript and Rust buffers.
Calling it again is harmless."
  (interactive)
  (dolist (entry (reverse statuslint-major-modes))
    (let ((key `((,(car entry) :language-id ,(cdr entry)))))
      (setq eglot-server-programs (cl-remove key eglot-server-programs
                                             :key #'car :test #'equal))
      (push (cons key #'statuslint-eglot-contact) eglot-server-programs))))

;;;###autoload
(defun statuslint-explain (query)
  "Show the catalog entry for QUERY, a status code, or the codes matching a phrase."
  (interactive "sExplain status code or phrase: ")
  (let ((buffer (get-buffer-create "*statuslint explain*")))
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (erase-buffer)
        (apply #'call-process statuslint-program nil t nil "explain" (split-string query))
        (goto-char (point-min)))
      (special-mode))
    (display-buffer buffer)))

(provide 'statuslint)
;;; statuslint.el ends here
