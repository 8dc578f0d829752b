; Inno Setup 6 script: a per-user lawtracker installer that needs no administrator rights.
;
; Built by `packaging/build windows` (which passes the defines below) from the
; PyInstaller bundle; by hand:
;   iscc /DAppVersion=0.1.0 /DBundleDir=build\bundle\lawtracker /DOutputDir=dist ^
;        /DRepoRoot=. packaging\windows\lawtracker.iss
;
; Installs to %LOCALAPPDATA%\Programs\lawtracker, adds a Start-menu shortcut and an
; uninstaller. The user's data (%LOCALAPPDATA%\lawtracker) is kept on uninstall
; unless the user ticks "also delete my data" (never in a silent uninstall).
; Silent install: lawtracker-X.Y.Z-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER
; (docs/INSTALL.md has the details for IT departments).

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (packaging/build windows does)
#endif
#ifndef BundleDir
  #define BundleDir "..\..\build\bundle\lawtracker"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef RepoRoot
  #define RepoRoot "..\.."
#endif

[Setup]
; A fixed AppId: a newer version installs over the older one (same folder, same
; uninstaller entry) and leaves the user's data alone.
AppId={{6C1E2B8E-2F5B-4B53-9D7A-3C0A6E1F4A21}
AppName=lawtracker
AppVersion={#AppVersion}
AppVerName=lawtracker {#AppVersion}
AppPublisher=lawtracker
DefaultDirName={autopf}\lawtracker
DefaultGroupName=lawtracker
DisableProgramGroupPage=yes
; Per-user by default, no UAC prompt; /ALLUSERS on the command line installs for all.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
OutputDir={#OutputDir}
OutputBaseFilename=lawtracker-{#AppVersion}-setup
SetupIconFile={#RepoRoot}\packaging\icons\lawtracker.ico
UninstallDisplayIcon={app}\lawtracker.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Close a running lawtracker before replacing its files.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program files wholesale, so no stale module of the old
; version lingers; the user's data lives elsewhere and is untouched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\lawtracker"; Filename: "{app}\lawtracker.exe"
Name: "{group}\Uninstall lawtracker"; Filename: "{uninstallexe}"
Name: "{autodesktop}\lawtracker"; Filename: "{app}\lawtracker.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\lawtracker.exe"; Description: "{cm:LaunchProgram,lawtracker}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may have written inside its folder.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
var
  DeleteUserData: Boolean;

function UserDataDir(): String;
begin
  { platformdirs' user_data_dir for appauthor=False: %LOCALAPPDATA%\lawtracker }
  Result := ExpandConstant('{localappdata}\lawtracker');
end;

function InitializeUninstall(): Boolean;
begin
  DeleteUserData := False;
  if (not UninstallSilent()) and DirExists(UserDataDir()) then
    DeleteUserData := MsgBox(
      'Also delete your lawtracker data (database, annotations, settings and logs) in ' +
      UserDataDir() + '?' + #13#10#13#10 +
      'Choose No to keep it for a later installation.',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteUserData then
    DelTree(UserDataDir(), True, True, True);
end;
