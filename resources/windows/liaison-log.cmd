@echo off
rem Liaison Log command line on Windows, installed beside "Liaison Log.exe" (electron-builder.yml, win.extraFiles).
rem The app is a GUI program: it writes to the console it was started from, but cmd.exe neither waits for a GUI
rem program nor passes on its exit code. Inside a command script it does both, so this wrapper makes
rem   liaison-log --data-dir DIR import DROP --json
rem behave like any console program: output in the console (or the file it is redirected to), exit code in
rem %%ERRORLEVEL%% and in Task Scheduler's "Last Run Result".
setlocal
"%~dp0Liaison Log.exe" --cli %*
exit /b %ERRORLEVEL%
