; LV CAD's Windows installer (NSIS 3, 64-bit Unicode). Built by `invoke installer.build`,
; which passes VERSION, VERSION_QUAD (X.X.X.X), STAGE (the frozen app folder), OUTFILE,
; and FAST (no compression) for quick test builds.
;
; Command line: /S silent; /AllUsers or /CurrentUser (default: current user);
; /FORCE installs over a newer version; /D=DIR (last) sets the folder.
; Exit codes: 0 installed, 2 aborted (LV CAD running, a newer version installed, or
; all-users without administrator rights).

Unicode true
Target amd64-unicode
!ifdef FAST
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include WordFunc.nsh
!include nsDialogs.nsh

!define APP "LV CAD"
!define EXE "LV_CAD.exe"
!define PROGID "LVCAD.Drawing"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\LV CAD"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
ManifestDPIAware true
SetDatablockOptimize on
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} ${VERSION} Setup"
VIAddVersionKey /LANG=1033 "CompanyName" "${APP}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "MIT License, the LV CAD authors"

Var AllUsers        ; 1: install for everyone (HKLM, Program Files)
Var ModePage.Me
Var ModePage.Everyone

!define MUI_ICON "${__FILEDIR__}\lvcad.ico"
!define MUI_UNICON "${__FILEDIR__}\lvcad.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${__FILEDIR__}\license.txt"
Page custom ModePageShow ModePageLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; --- who the installation is for -------------------------------------------------------

!macro SetMode ALL
  StrCpy $AllUsers ${ALL}
  ${If} $AllUsers == 1
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
!macroend

Function DefaultFolder
  ${If} $AllUsers == 1
    StrCpy $INSTDIR "$PROGRAMFILES64\${APP}"
  ${Else}
    StrCpy $INSTDIR "$LOCALAPPDATA\Programs\${APP}"
  ${EndIf}
FunctionEnd

Function IsAdmin  ; pushes 1 when this user can write for all users
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 == "Admin"
    Push 1
  ${Else}
    Push 0
  ${EndIf}
FunctionEnd

Function ModePageShow
  !insertmacro MUI_HEADER_TEXT "Choose Users" "Install ${APP} for you alone or for everyone."
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateRadioButton} 0 10u 100% 12u "Only for me (no administrator rights needed)"
  Pop $ModePage.Me
  ${NSD_CreateRadioButton} 0 30u 100% 12u "For everyone who uses this computer (administrator)"
  Pop $ModePage.Everyone
  Call IsAdmin
  Pop $0
  ${If} $0 != 1
    EnableWindow $ModePage.Everyone 0
  ${EndIf}
  ${If} $AllUsers == 1
    ${NSD_Check} $ModePage.Everyone
  ${Else}
    ${NSD_Check} $ModePage.Me
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function ModePageLeave
  ${NSD_GetState} $ModePage.Everyone $0
  ${If} $0 == ${BST_CHECKED}
    !insertmacro SetMode 1
  ${Else}
    !insertmacro SetMode 0
  ${EndIf}
  Call DefaultFolder
  Call CheckInstalledVersion
FunctionEnd

; --- an earlier installation ---------------------------------------------------------

Var OldVersion
Var OldFolder
Var Order           ; ${VersionCompare}: 0 same, 1 the installed one is newer, 2 older
Var ChosenFolder    ; /D= from the command line

Function CheckInstalledVersion  ; an installation of the chosen kind: upgrade or refuse
  ReadRegStr $OldVersion SHCTX "${UNINSTALL_KEY}" "DisplayVersion"
  ReadRegStr $OldFolder SHCTX "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $OldVersion == ""
    Return
  ${EndIf}
  StrCpy $INSTDIR $OldFolder
  ${VersionCompare} "$OldVersion" "${VERSION}" $Order
  ${If} $Order == 1
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "/FORCE" $R1
    ${If} ${Errors}
      MessageBox MB_OK|MB_ICONSTOP "${APP} $OldVersion is installed, newer than this ${VERSION}. Uninstall it first, or run Setup with /FORCE to install the older version." /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
FunctionEnd

!macro RefuseWhileRunning FOLDER UN
  ; A running program's .exe cannot be opened for writing: that is the test.
  ${If} ${FileExists} "${FOLDER}\${EXE}"
    ClearErrors
    FileOpen $9 "${FOLDER}\${EXE}" a
    ${If} ${Errors}
      MessageBox MB_OK|MB_ICONSTOP "${APP} is running. Close it, then run ${UN}Setup again." /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
    FileClose $9
  ${EndIf}
!macroend

Function .onInit
  StrCpy $ChosenFolder $INSTDIR
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AllUsers" $R1
  ${If} ${Errors}
    !insertmacro SetMode 0
  ${Else}
    Call IsAdmin
    Pop $0
    ${If} $0 != 1
      MessageBox MB_OK|MB_ICONSTOP "Installing for all users needs administrator rights: run Setup as administrator, or without /AllUsers." /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
    !insertmacro SetMode 1
  ${EndIf}
  Call DefaultFolder
  Call CheckInstalledVersion
  ${If} $ChosenFolder != ""
    StrCpy $INSTDIR $ChosenFolder
  ${EndIf}
FunctionEnd

; --- install -------------------------------------------------------------------------

Section "Install"
  !insertmacro RefuseWhileRunning "$INSTDIR" ""
  ${If} $OldFolder != ""
    !insertmacro RefuseWhileRunning "$OldFolder" ""
    ; The old uninstaller removes the old files, keys and shortcuts; _?= makes it run in
    ; place and return only when done.
    ${If} ${FileExists} "$OldFolder\Uninstall.exe"
      ExecWait '"$OldFolder\Uninstall.exe" /S _?=$OldFolder'
      Delete "$OldFolder\Uninstall.exe"
      RMDir "$OldFolder"
    ${EndIf}
  ${EndIf}

  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}"
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${EXE}"

  WriteRegStr SHCTX "Software\Classes\.lvcad" "" "${PROGID}"
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "${APP} drawing"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED), or it shows stale icons.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${APP}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" $0
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; --- uninstall -----------------------------------------------------------------------

Function un.onInit
  ; Uninstall what this copy installed: all-users when HKLM's entry points here, or when
  ; only HKLM has an entry (the folder may be named differently, e.g. through another drive).
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ReadRegStr $1 HKCU "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 == $INSTDIR
  ${OrIf} $1 == ""
  ${AndIf} $0 != ""
    !insertmacro SetMode 1
  ${Else}
    !insertmacro SetMode 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  !insertmacro RefuseWhileRunning "$INSTDIR" "Un"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"

  ReadRegStr $0 SHCTX "Software\Classes\.lvcad" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey SHCTX "Software\Classes\.lvcad"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"

  ; Only what Setup put there: never a recursive delete of a folder the user chose.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd
