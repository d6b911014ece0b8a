<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>QObject</name>
    <message>
        <source>Column %1: %2</source>
        <translation>%1 文字目: %2</translation>
    </message>
    <message>
        <source>Not saved until fixed.</source>
        <translation>修正するまで保存されません。</translation>
    </message>
    <message>
        <source>blend %1</source>
        <translation>ブレンド %1</translation>
    </message>
    <message>
        <source>cfg %1</source>
        <translation>CFG %1</translation>
    </message>
    <message>
        <source>walk %1</source>
        <translation>ウォーク %1</translation>
    </message>
</context>
<context>
    <name>tessera::AxisEditor</name>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Term weight</source>
        <translation>語の重み</translation>
    </message>
    <message>
        <source>Prompt blend</source>
        <translation>プロンプトブレンド</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>ガイダンス</translation>
    </message>
    <message>
        <source>Seed walk</source>
        <translation>シードウォーク</translation>
    </message>
    <message>
        <source>What changes from the first to the last cell while the grid is generated</source>
        <translation>グリッドの生成時に最初のセルから最後のセルにかけて変化させる要素</translation>
    </message>
    <message>
        <source>Nothing (holds the centre)</source>
        <translation>なし（中央に固定）</translation>
    </message>
    <message>
        <source>Loudness (RMS)</source>
        <translation>ラウドネス（RMS）</translation>
    </message>
    <message>
        <source>Low band (bass)</source>
        <translation>低域（ベース）</translation>
    </message>
    <message>
        <source>Mid band</source>
        <translation>中域</translation>
    </message>
    <message>
        <source>High band (hats, air)</source>
        <translation>高域（ハイハット、空気感）</translation>
    </message>
    <message>
        <source>Onsets (hits)</source>
        <translation>オンセット（打撃音）</translation>
    </message>
    <message>
        <source>Brightness (centroid)</source>
        <translation>明るさ（スペクトル重心）</translation>
    </message>
    <message>
        <source>The audio feature that moves along this axis at playback</source>
        <translation>再生時にこの軸に沿って動かすオーディオ特徴量</translation>
    </message>
    <message>
        <source>The audio the feature follows: the song&apos;s mix or one of its stems</source>
        <translation>特徴量の元になるオーディオ：曲のミックス、またはそのステムのいずれか</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>リニア</translation>
    </message>
    <message>
        <source>Ease in</source>
        <translation>イーズイン</translation>
    </message>
    <message>
        <source>Ease out</source>
        <translation>イーズアウト</translation>
    </message>
    <message>
        <source>Smoothstep</source>
        <translation>スムーズステップ</translation>
    </message>
    <message>
        <source>How the feature&apos;s value maps to the position in the grid</source>
        <translation>特徴量の値をグリッド内の位置に対応付ける方法</translation>
    </message>
    <message>
        <source>Feature value (0..1 of its range in the song) that reaches the first cell</source>
        <translation>最初のセルに到達する特徴量の値（曲内の範囲に対する 0..1）</translation>
    </message>
    <message>
        <source>Feature value that reaches the last cell; below the minimum inverts the axis</source>
        <translation>最後のセルに到達する特徴量の値。最小値より小さくすると軸が反転します</translation>
    </message>
    <message>
        <source>Smoothing while the feature rises: shorter follows hits more closely</source>
        <translation>特徴量が上昇するときのスムージング。短いほど打撃音に素早く追従します</translation>
    </message>
    <message>
        <source>Smoothing while the feature falls: longer lets the image settle slowly</source>
        <translation>特徴量が下降するときのスムージング。長いほど画像がゆっくり落ち着きます</translation>
    </message>
    <message>
        <source>from</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>to</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Varies</source>
        <translation>変化させる要素</translation>
    </message>
    <message>
        <source>range</source>
        <translation>範囲</translation>
    </message>
    <message>
        <source>Driven by</source>
        <translation>駆動する特徴量</translation>
    </message>
    <message>
        <source>attack</source>
        <translation>アタック</translation>
    </message>
    <message>
        <source>release</source>
        <translation>リリース</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>レスポンス</translation>
    </message>
    <message>
        <source>the mix</source>
        <translation>ミックス</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1（見つかりません）</translation>
    </message>
    <message>
        <source>term (empty: varies nothing)</source>
        <translation>語（空欄の場合は変化なし）</translation>
    </message>
    <message>
        <source>towards</source>
        <translation>ブレンド先</translation>
    </message>
    <message>
        <source>the prompt to blend towards</source>
        <translation>ブレンド先のプロンプト</translation>
    </message>
    <message>
        <source>towards seed</source>
        <translation>移行先のシード</translation>
    </message>
    <message>
        <source>empty: this seed + 1</source>
        <translation>空欄の場合：このシード + 1</translation>
    </message>
    <message>
        <source>of</source>
        <comment>the audio source the feature follows</comment>
        <translation>ソース</translation>
    </message>
    <message>
        <source>of</source>
        <comment>the prompt term whose weight varies</comment>
        <translation>対象の語</translation>
    </message>
    <message>
        <source>LoRA strength</source>
        <translation>LoRAの強さ</translation>
    </message>
    <message>
        <source>of</source>
        <comment>the LoRA whose strength varies</comment>
        <translation>対象</translation>
    </message>
    <message>
        <source>a project LoRA&apos;s name, or a LoRA file</source>
        <translation>プロジェクトのLoRA名、またはLoRAファイル</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>量</translation>
    </message>
    <message>
        <source>The move&apos;s amount where the feature is at the bottom of its range</source>
        <translation>特徴量が範囲の下端にあるときの動きの量</translation>
    </message>
    <message>
        <source>The move&apos;s amount where the feature is at the top of its range</source>
        <translation>特徴量が範囲の上端にあるときの動きの量</translation>
    </message>
    <message>
        <source>The audio feature that drives this camera move</source>
        <translation>このカメラの動きを駆動するオーディオ特徴量</translation>
    </message>
    <message>
        <source>Nothing (holds halfway)</source>
        <translation>なし（中間で固定）</translation>
    </message>
</context>
<context>
    <name>tessera::AxisPlot</name>
    <message>
        <source>No segment</source>
        <translation>セグメントなし</translation>
    </message>
    <message>
        <source>No feature drives this axis: it holds the centre</source>
        <translation>この軸を駆動する特徴量はありません：中央に固定されます</translation>
    </message>
    <message>
        <source>Analysing the song…</source>
        <translation>曲を解析しています…</translation>
    </message>
</context>
<context>
    <name>tessera::CameraEditor</name>
    <message>
        <source>Zoom</source>
        <translation>ズーム</translation>
    </message>
    <message>
        <source>× closer (0.15 = 15%)</source>
        <translation>× 寄る (0.15 = 15%)</translation>
    </message>
    <message>
        <source>Shake</source>
        <translation>揺れ</translation>
    </message>
    <message>
        <source>of the width</source>
        <translation>幅に対する割合</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>回転</translation>
    </message>
    <message>
        <source>degrees</source>
        <translation>度</translation>
    </message>
    <message>
        <source>Pan across</source>
        <translation>横パン</translation>
    </message>
    <message>
        <source>Pan down</source>
        <translation>縦パン</translation>
    </message>
    <message>
        <source>of the height</source>
        <translation>高さに対する割合</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>カメラ</translation>
    </message>
    <message>
        <source>Camera moves the music drives, applied to the segment&apos;s frames in the preview and the export</source>
        <translation>音楽が駆動するカメラの動き。プレビューと書き出しでセグメントのフレームに適用されます</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>動き</translation>
    </message>
    <message>
        <source>%1 •</source>
        <translation>%1 •</translation>
    </message>
</context>
<context>
    <name>tessera::CellViewer</name>
    <message>
        <source>OpenGL is not available here; the viewer uses the CPU path</source>
        <translation>この環境では OpenGL を使用できないため、ビューアは CPU で処理します</translation>
    </message>
    <message>
        <source>%1 / %2   exposure %3%4 stops   gamma %5   %6%   %7</source>
        <extracomment>The viewer&apos;s heads-up line: display / view, exposure in stops, gamma, zoom, GPU or CPU path</extracomment>
        <translation>%1 / %2   露出 %3%4 段   ガンマ %5   %6%   %7</translation>
    </message>
    <message>
        <source>   showing %1</source>
        <translation>   表示中: %1</translation>
    </message>
    <message>
        <source>%1 (%2, %3)   linear %4 %5 %6   display %7 %8 %9</source>
        <extracomment>The pixel probe: image A or B (x, y), scene-linear RGB, then display RGB</extracomment>
        <translation>%1 (%2, %3)   リニア %4 %5 %6   ディスプレイ %7 %8 %9</translation>
    </message>
</context>
<context>
    <name>tessera::ComparePane</name>
    <message>
        <source>Nothing to compare with</source>
        <translation>比較対象がありません</translation>
    </message>
</context>
<context>
    <name>tessera::ExportDialog</name>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Burn in the lyrics (the sung word highlighted)</source>
        <translation>歌詞を焼き込む（歌われている単語をハイライト）</translation>
    </message>
    <message>
        <source>Export Video</source>
        <translation>ビデオを書き出し</translation>
    </message>
    <message>
        <source>Project (%1 fps)</source>
        <translation>プロジェクト（%1 fps）</translation>
    </message>
    <message>
        <source>Whole song (%1)</source>
        <translation>曲全体（%1）</translation>
    </message>
    <message>
        <source>Selected segment</source>
        <translation>選択したセグメント</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>参照...</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>書き出しをキャンセル</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>フォルダーに表示</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>プリセット(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>サイズ(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Frame rate:</source>
        <translation>フレームレート(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>範囲(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Output:</source>
        <translation>出力先(&amp;O):</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>PNG フレームの保存先フォルダー</translation>
    </message>
    <message>
        <source>Choose where the video goes.</source>
        <translation>ビデオの保存先を選択してください。</translation>
    </message>
    <message>
        <source>frame %1 of %2</source>
        <translation>フレーム %1 / %2</translation>
    </message>
    <message>
        <source>%1 fps, %2 left</source>
        <translation>%1 fps、残り %2</translation>
    </message>
    <message>
        <source>Exported %1 in %2 s (%3 fps).</source>
        <translation>%1 を %2 秒で書き出しました（%3 fps）。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>キャンセルしました：何も書き出されていません。</translation>
    </message>
    <message>
        <source>Composing the first frames...</source>
        <translation>最初のフレームを合成しています...</translation>
    </message>
    <message>
        <source>None (smooth scaling)</source>
        <translation>なし (滑らかな拡大縮小)</translation>
    </message>
    <message>
        <source>ESRGAN slim (fastest)</source>
        <translation>ESRGAN slim (最速)</translation>
    </message>
    <message>
        <source>ESRGAN medium</source>
        <translation>ESRGAN medium</translation>
    </message>
    <message>
        <source>ESRGAN thick (sharpest, slowest)</source>
        <translation>ESRGAN thick (最も鮮明、最も低速)</translation>
    </message>
    <message>
        <source>Cells smaller than the frame are enlarged by a super-resolution network first, once per image: the project keeps the upscales, later exports reuse them and the preview shows them</source>
        <translation>フレームより小さいセルは、まず超解像ネットワークで画像ごとに一度だけ拡大されます。拡大結果はプロジェクトに保存され、以降の書き出しで再利用され、プレビューにも表示されます</translation>
    </message>
    <message>
        <source>&amp;Upscale cells:</source>
        <translation>セルを拡大(&amp;U):</translation>
    </message>
    <message>
        <source>This build of Tessera has no upscaler (it is built without libtorch)</source>
        <translation>この Tessera のビルドにはアップスケーラーがありません (libtorch なしでビルドされています)</translation>
    </message>
</context>
<context>
    <name>tessera::ExportPreset</name>
    <message>
        <source>Web 1080p (H.264, MP4)</source>
        <translation>Web 1080p（H.264、MP4）</translation>
    </message>
    <message>
        <source>4K UHD (H.264, MP4)</source>
        <translation>4K UHD（H.264、MP4）</translation>
    </message>
    <message>
        <source>ProRes 422 for editing (MOV)</source>
        <translation>編集用 ProRes 422（MOV）</translation>
    </message>
    <message>
        <source>PNG sequence (folder)</source>
        <translation>PNG 連番（フォルダー）</translation>
    </message>
</context>
<context>
    <name>tessera::GenerationJobRow</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Cancel this job (the cells already generated are kept)</source>
        <translation>このジョブをキャンセル（生成済みのセルは保持されます）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>Generating in another process</source>
        <translation>別のプロセスで生成中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>instrumental</source>
        <translation>インスト</translation>
    </message>
    <message>
        <source>Segment %1 — %2</source>
        <translation>セグメント %1 — %2</translation>
    </message>
    <message>
        <source>Removed segment</source>
        <translation>削除されたセグメント</translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation>ジョブ %1</translation>
    </message>
    <message>
        <source>%1 of %2 cells</source>
        <translation>%1 / %2 セル</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>残り %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Resume: generate the cells still missing</source>
        <translation>再開：まだ生成されていないセルを生成します</translation>
    </message>
    <message>
        <source>Pause this job</source>
        <translation>このジョブを一時停止</translation>
    </message>
    <message>
        <source>Queued · 1 job ahead</source>
        <translation>待機中 · 前に 1 件</translation>
    </message>
    <message>
        <source>Queued · %1 jobs ahead</source>
        <translation>待機中 · 前に %1 件</translation>
    </message>
    <message>
        <source>Queued · next</source>
        <translation>待機中 · 次に実行</translation>
    </message>
    <message>
        <source>Repair · </source>
        <translation>修復 · </translation>
    </message>
    <message>
        <source>Repair %1</source>
        <translation>修復 %1</translation>
    </message>
    <message>
        <source>Cells %1</source>
        <translation>セル %1</translation>
    </message>
    <message>
        <source>On the farm · merging</source>
        <translation>ファーム上 · 統合中</translation>
    </message>
    <message>
        <source>On the farm · 1 task to finish</source>
        <translation>ファーム上 · 残り 1 タスク</translation>
    </message>
    <message>
        <source>On the farm · %1 tasks to finish</source>
        <translation>ファーム上 · 残り %1 タスク</translation>
    </message>
    <message>
        <source>Slurm farm — 1 task</source>
        <translation>Slurm ファーム — 1 タスク</translation>
    </message>
    <message>
        <source>Slurm farm — %1 tasks</source>
        <translation>Slurm ファーム — %1 タスク</translation>
    </message>
    <message>
        <source>Job %1 · stop or re-run it with tessera-cli farm status / resubmit</source>
        <translation>ジョブ %1 · tessera-cli farm status / resubmit で確認・再実行</translation>
    </message>
</context>
<context>
    <name>tessera::GenerationQueue</name>
    <message>
        <source>%1: names no model and the bundled default model (%2) is not installed</source>
        <translation>%1: モデルが指定されておらず、同梱の既定モデル（%2）もインストールされていません</translation>
    </message>
    <message>
        <source>%1: the model cannot change while a generation job is queued or running; let the jobs finish or pause them first</source>
        <translation>%1: 生成ジョブが待機中または実行中の間はモデルを変更できません。ジョブの完了を待つか、先に一時停止してください</translation>
    </message>
    <message>
        <source>Segment %1: every cell is done and up to date with its prompt, or locked; nothing to generate. To make new images, select cells in the Grid panel and press G.</source>
        <translation>セグメント %1: すべてのセルが完了してプロンプトに対して最新か、ロックされています。生成するものはありません。新しい画像を作るには、グリッドパネルでセルを選択して G を押してください。</translation>
    </message>
    <message>
        <source>Segment %1: the cells asked for are locked; unlock them (L) to regenerate them.</source>
        <translation>セグメント %1: 指定されたセルはロックされています。再生成するにはロックを解除してください（L）。</translation>
    </message>
</context>
<context>
    <name>tessera::GenerationQueuePanel</name>
    <message>
        <source>Generate Segment</source>
        <translation>セグメントを生成</translation>
    </message>
    <message>
        <source>Generate All</source>
        <translation>すべて生成</translation>
    </message>
    <message>
        <source>Queue every segment that has missing or rejected cells</source>
        <translation>未生成または不採用のセルがあるすべてのセグメントをキューに追加</translation>
    </message>
    <message>
        <source>No generation jobs yet. Select a segment and press Generate Segment.</source>
        <translation>生成ジョブはまだありません。セグメントを選択して「セグメントを生成」を押してください。</translation>
    </message>
    <message>
        <source>Generate Segment %1</source>
        <translation>セグメント %1 を生成</translation>
    </message>
    <message>
        <source>Cannot generate: %1</source>
        <translation>生成できません: %1</translation>
    </message>
    <message>
        <source>Model: %1 (loading…)</source>
        <translation>モデル: %1（読み込み中…）</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) waiting or running</source>
        <translation>
            <numerusform>%n 件のジョブが待機中または実行中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cell(s) to go</source>
        <translation>
            <numerusform>残り %n セル</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue idle</source>
        <translation>キューは空です</translation>
    </message>
    <message>
        <source>The project&apos;s model: an undoable setting; the queue loads it when no job waits</source>
        <translation>プロジェクトのモデル（元に戻せる設定）。待機中のジョブがないときにキューが読み込みます</translation>
    </message>
    <message>
        <source>%1 — %2, %3 px</source>
        <translation>%1 — %2、%3 px</translation>
    </message>
    <message>
        <source>%1
%2, %3 px, %4, %5, %6</source>
        <translation>%1
%2、%3 px、%4、%5、%6</translation>
    </message>
    <message>
        <source>%1 (refused)</source>
        <translation>%1（拒否）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>A model folder&apos;s model_index.json or a .safetensors checkpoint</source>
        <translation>モデルフォルダの model_index.json または .safetensors チェックポイント</translation>
    </message>
    <message>
        <source>Choose a Model</source>
        <translation>モデルを選択</translation>
    </message>
    <message>
        <source>Models (model_index.json *.safetensors)</source>
        <translation>モデル (model_index.json *.safetensors)</translation>
    </message>
    <message>
        <source>Pause All</source>
        <translation>すべて一時停止</translation>
    </message>
    <message>
        <source>Cancel All</source>
        <translation>すべてキャンセル</translation>
    </message>
    <message>
        <source>Pause every waiting and running job (Resume continues each)</source>
        <translation>待機中および実行中のすべてのジョブを一時停止（「再開」でそれぞれ続行）</translation>
    </message>
    <message>
        <source>Cancel every unfinished job (the cells already made are kept)</source>
        <translation>未完了のすべてのジョブをキャンセル（生成済みのセルは保持されます）</translation>
    </message>
    <message>
        <source>Queue the selected segment&apos;s missing and rejected cells, and those out of date with its prompt</source>
        <translation>選択したセグメントの未生成・不採用のセルと、プロンプトに対して古くなったセルをキューに追加</translation>
    </message>
    <message>
        <source>Model: %1, computing in %2</source>
        <translation>モデル: %1（%2 で計算）</translation>
    </message>
    <message>
        <source>%1
New jobs compute in %2 (Preferences: Generation precision)</source>
        <translation>%1
新しいジョブは %2 で計算します（環境設定: 生成の精度）</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>埋め込み</translation>
    </message>
    <message>
        <source>%1 %2 — %3 for %4</source>
        <translation>%1 %2 — %4用の%3</translation>
    </message>
    <message>
        <source>%1
%2 for %3 models (text width %4). Click to take it out of the project.</source>
        <translation>%1
%3モデル用の%2（テキスト幅 %4）。クリックするとプロジェクトから外します。</translation>
    </message>
    <message>
        <source>%1
%2 for %3 models (text width %4). Click to add it to the project.</source>
        <translation>%1
%3モデル用の%2（テキスト幅 %4）。クリックするとプロジェクトに追加します。</translation>
    </message>
</context>
<context>
    <name>tessera::GpuCellSurface</name>
    <message>
        <source>no OpenGL context</source>
        <translation>OpenGL コンテキストがありません</translation>
    </message>
</context>
<context>
    <name>tessera::GradeModel</name>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Segment %1</source>
        <translation>セグメント %1</translation>
    </message>
    <message>
        <source>No segment selected</source>
        <translation>セグメントが選択されていません</translation>
    </message>
    <message>
        <source>Cell %1,%2 of segment %3</source>
        <translation>セグメント %3 のセル %1,%2</translation>
    </message>
    <message>
        <source>No cell selected</source>
        <translation>セルが選択されていません</translation>
    </message>
    <message>
        <source>%1: select what to grade first</source>
        <translation>%1: まずグレードの対象を選択してください</translation>
    </message>
    <message>
        <source>%1: select a segment to match its grid&apos;s exposure</source>
        <translation>%1: グリッドの露出を揃えるセグメントを選択してください</translation>
    </message>
    <message>
        <source>segment %1</source>
        <translation>セグメント %1</translation>
    </message>
    <message numerus="yes">
        <source>Matched the exposure of %n cell(s); the largest correction is %1 stops</source>
        <translation>
            <numerusform>%n 個のセルの露出を揃えました。最大の補正量は %1 段です</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::GradePanel</name>
    <message>
        <source>Reset</source>
        <translation>リセット</translation>
    </message>
    <message>
        <source>Match Exposure</source>
        <translation>露出を揃える</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>セグメント</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>セル</translation>
    </message>
    <message>
        <source>What the grade applies to: scopes combine (exposures add, gammas and saturations multiply)</source>
        <translation>グレードの適用範囲。範囲は組み合わされます（露出は加算、ガンマと彩度は乗算）</translation>
    </message>
    <message>
        <source> stops</source>
        <translation> 段</translation>
    </message>
    <message>
        <source>Stored exposure in stops: +1 doubles the scene-linear light</source>
        <translation>保存される露出（段）。+1 でシーンリニアの光量が 2 倍になります</translation>
    </message>
    <message>
        <source>Stored gamma around middle grey (1 leaves values alone)</source>
        <translation>ミドルグレーを中心とした保存されるガンマ（1 で値は変わりません）</translation>
    </message>
    <message>
        <source>Stored saturation (1 leaves colours alone, 0 is grey)</source>
        <translation>保存される彩度（1 で色は変わらず、0 でグレー）</translation>
    </message>
    <message>
        <source>Back to no grade at this scope</source>
        <translation>この範囲のグレードを解除</translation>
    </message>
    <message>
        <source>Bring every generated cell of the selected segment to the grid&apos;s median brightness</source>
        <translation>選択したセグメントの生成済みセルをすべてグリッドの明るさの中央値に揃えます</translation>
    </message>
    <message>
        <source>&lt;b&gt;Grade&lt;/b&gt;</source>
        <translation>&lt;b&gt;グレード&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>露出</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>ガンマ</translation>
    </message>
    <message>
        <source>Saturation</source>
        <translation>彩度</translation>
    </message>
    <message>
        <source>Cell shown with %1 stops, gamma %2, saturation %3</source>
        <translation>セルの表示: %1 段、ガンマ %2、彩度 %3</translation>
    </message>
</context>
<context>
    <name>tessera::GridBrowser</name>
    <message>
        <source>Grid</source>
        <translation>グリッド</translation>
    </message>
    <message>
        <source>The cells in the grid&apos;s own rows and columns</source>
        <translation>グリッド本来の行と列に並べたセル</translation>
    </message>
    <message>
        <source>Suspects First</source>
        <translation>要確認を先頭に</translation>
    </message>
    <message>
        <source>Cells that break the grid&apos;s coherence first, worst first (S)</source>
        <translation>グリッドの一貫性を損なうセルを先頭に、ずれの大きい順に表示（S）</translation>
    </message>
    <message>
        <source>Compare: Off</source>
        <translation>比較: オフ</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>前のバージョン</translation>
    </message>
    <message>
        <source>Right neighbour</source>
        <translation>右隣</translation>
    </message>
    <message>
        <source>Left neighbour</source>
        <translation>左隣</translation>
    </message>
    <message>
        <source>Neighbour below</source>
        <translation>下隣</translation>
    </message>
    <message>
        <source>Neighbour above</source>
        <translation>上隣</translation>
    </message>
    <message>
        <source>Chosen version</source>
        <translation>選択したバージョン</translation>
    </message>
    <message>
        <source>What to show beside the current cell (C cycles; Ctrl+click a version to choose it)</source>
        <translation>現在のセルの横に表示するもの（C で切り替え、バージョンを Ctrl+クリックで選択）</translation>
    </message>
    <message>
        <source>No segment selected</source>
        <translation>セグメントが選択されていません</translation>
    </message>
    <message>
        <source>instrumental</source>
        <translation>インスト</translation>
    </message>
    <message>
        <source>Segment %1 — %2</source>
        <translation>セグメント %1 — %2</translation>
    </message>
    <message>
        <source>%1×%2</source>
        <translation>%1×%2</translation>
    </message>
    <message>
        <source>%1/%2 generated</source>
        <translation>%1/%2 生成済み</translation>
    </message>
    <message numerus="yes">
        <source>%n suspect(s)</source>
        <translation>
            <numerusform>要確認 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>不採用 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n locked</source>
        <translation>
            <numerusform>ロック %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Cell %1,%2</source>
        <translation>セル %1,%2</translation>
    </message>
    <message>
        <source>coherence %1</source>
        <translation>一貫性 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n 個選択</numerusform>
        </translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>修復</translation>
    </message>
    <message>
        <source>Repair the selected cells from their neighbours: regenerate each from the blend of its neighbours&apos; images, so it fits the grid again (Shift+G)</source>
        <translation>選択したセルを隣接セルから修復します。隣接セルの画像のブレンドから再生成し、グリッドに再びなじませます (Shift+G)</translation>
    </message>
    <message>
        <source>How far a repair departs from the neighbours&apos; blend: low keeps it, 1 ignores it</source>
        <translation>修復が隣接セルのブレンドからどれだけ離れるか。低いと保ち、1 で無視します</translation>
    </message>
    <message>
        <source>version %1 of %2</source>
        <translation>バージョン %1 / %2</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>類似度</translation>
    </message>
    <message>
        <source>Show on each edge how alike the two cells look (SSIM: 1 is equal, green is close, red far) and the grid&apos;s median (M)</source>
        <translation>各境界に2つのセルの似ている度合い(SSIM: 1は同一、緑は近い、赤は遠い)とグリッドの中央値を表示 (M)</translation>
    </message>
    <message>
        <source>Refine</source>
        <translation>細分化</translation>
    </message>
    <message>
        <source>Make the grid twice as dense along an axis: new cells halfway between the existing ones, generated between the least alike neighbours first</source>
        <translation>軸に沿ってグリッドを2倍の密度にする: 既存のセルの中間に新しいセルを置き、最も似ていない隣同士の間から生成</translation>
    </message>
    <message>
        <source>Refine Columns (X)</source>
        <translation>列を細分化 (X)</translation>
    </message>
    <message>
        <source>Refine Rows (Y)</source>
        <translation>行を細分化 (Y)</translation>
    </message>
    <message>
        <source>Refine Columns (X): %1 → %2</source>
        <translation>列を細分化 (X): %1 → %2</translation>
    </message>
    <message>
        <source>Refine Rows (Y): %1 → %2</source>
        <translation>行を細分化 (Y): %1 → %2</translation>
    </message>
    <message>
        <source>median SSIM %1</source>
        <translation>SSIM中央値 %1</translation>
    </message>
</context>
<context>
    <name>tessera::GridBrowserModel</name>
    <message numerus="yes">
        <source>Accept %n cell(s) again</source>
        <translation>
            <numerusform>%n 個のセルを再び採用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n cell(s)</source>
        <translation>
            <numerusform>%n 個のセルを不採用にする</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unlock %n cell(s)</source>
        <translation>
            <numerusform>%n 個のセルのロックを解除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lock %n cell(s)</source>
        <translation>
            <numerusform>%n 個のセルをロック</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Regenerate %n cell(s)</source>
        <translation>
            <numerusform>%n 個のセルを再生成</numerusform>
        </translation>
    </message>
    <message>
        <source>Make version %1 of cell %2,%3 active</source>
        <translation>セル %2,%3 のバージョン %1 をアクティブにする</translation>
    </message>
    <message>
        <source>Cell %1,%2 (active)</source>
        <translation>セル %1,%2（アクティブ）</translation>
    </message>
    <message>
        <source>Cell %1,%2</source>
        <translation>セル %1,%2</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>バージョン %1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>Repair %n cell(s) from neighbours</source>
        <translation>
            <numerusform>%n 個のセルを隣接セルから修復</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::GridCanvas</name>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>generating</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>不採用</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>ロック</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>%1,%2</source>
        <translation>%1,%2</translation>
    </message>
    <message>
        <source>Select a segment to see its grid</source>
        <translation>セグメントを選択するとグリッドが表示されます</translation>
    </message>
    <message>
        <source>out of date</source>
        <translation>古い</translation>
    </message>
    <message>
        <source>v%1/%2</source>
        <translation>v%1/%2</translation>
    </message>
</context>
<context>
    <name>tessera::KeyboardShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Filter by action or key, e.g. export or ctrl+e</source>
        <translation>操作名またはキーで絞り込み(例: export、ctrl+e)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
</context>
<context>
    <name>tessera::MainWindow</name>
    <message>
        <source>Tessera</source>
        <translation>Tessera</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;開いた時点&gt;</translation>
    </message>
    <message>
        <source>History</source>
        <translation>ヒストリー</translation>
    </message>
    <message>
        <source>Open or create a project to edit its prompts.</source>
        <translation>プロンプトを編集するには、プロジェクトを開くか作成してください。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>グリッド</translation>
    </message>
    <message>
        <source>Open a project and select a segment to curate its grid.</source>
        <translation>グリッドを選別するには、プロジェクトを開いてセグメントを選択してください。</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Open a project to generate its grids.</source>
        <translation>グリッドを生成するには、プロジェクトを開いてください。</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Preview unavailable: %1</source>
        <translation>プレビューを使用できません: %1</translation>
    </message>
    <message>
        <source>Edit failed</source>
        <translation>編集に失敗しました</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>トランスポート</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>New Empty Project</source>
        <translation>新規空白プロジェクト</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使用したプロジェクト(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>再生(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>About Tessera</source>
        <translation>Tessera について</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tessera %1&lt;/b&gt;&lt;p&gt;Music videos from a song, its lyrics and grids of generated images.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Tessera %1&lt;/b&gt;&lt;p&gt;曲と歌詞、生成画像のグリッドからミュージックビデオを作成します。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>タイムライン(&amp;T)</translation>
    </message>
    <message>
        <source>Viewer unavailable: %1</source>
        <translation>ビューアを使用できません: %1</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>ビューア</translation>
    </message>
    <message>
        <source>Colour settings</source>
        <translation>カラー設定</translation>
    </message>
    <message>
        <source>Curation failed</source>
        <translation>選別に失敗しました</translation>
    </message>
    <message>
        <source>Grading failed</source>
        <translation>グレードに失敗しました</translation>
    </message>
    <message>
        <source>Preferences saved</source>
        <translation>環境設定を保存しました</translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation>メニューをクリア</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>プロジェクトを開けません</translation>
    </message>
    <message>
        <source>Cannot create project</source>
        <translation>プロジェクトを作成できません</translation>
    </message>
    <message>
        <source>%1 - Tessera</source>
        <translation>%1 - Tessera</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 を開きました</translation>
    </message>
    <message>
        <source>Timeline without waveform: %1</source>
        <translation>波形なしのタイムライン: %1</translation>
    </message>
    <message>
        <source>Cannot read project</source>
        <translation>プロジェクトを読み込めません</translation>
    </message>
    <message>
        <source>%1: a file of that name exists already</source>
        <translation>%1: 同じ名前のファイルが既に存在します</translation>
    </message>
    <message>
        <source>Analysing %1...</source>
        <translation>%1 を解析しています...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>新規プロジェクト</translation>
    </message>
    <message>
        <source>Cannot import lyrics</source>
        <translation>歌詞を読み込めません</translation>
    </message>
    <message>
        <source>%1: the project has no analysed song to time the lyrics against</source>
        <translation>%1: 歌詞のタイミングを合わせるための解析済みの曲がプロジェクトにありません</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s) from %1</source>
        <translation>
            <numerusform>%1 から %n 個のセグメント</numerusform>
        </translation>
    </message>
    <message>
        <source>The demo project is not installed (share/tessera/demo)</source>
        <translation>デモプロジェクトがインストールされていません（share/tessera/demo）</translation>
    </message>
    <message>
        <source>Cannot create the demo project</source>
        <translation>デモプロジェクトを作成できません</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: フォルダーを作成できません</translation>
    </message>
    <message>
        <source>Tessera demo</source>
        <translation>Tessera デモ</translation>
    </message>
    <message>
        <source>Open a project with a song first</source>
        <translation>まず曲のあるプロジェクトを開いてください</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 を書き出しました</translation>
    </message>
    <message>
        <source>Open a project first</source>
        <translation>まずプロジェクトを開いてください</translation>
    </message>
    <message>
        <source>Import Lyrics</source>
        <translation>歌詞を読み込み</translation>
    </message>
    <message>
        <source>Lyrics (*.lrc *.srt *.txt);;All files (*)</source>
        <translation>歌詞 (*.lrc *.srt *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>プロジェクトを開く</translation>
    </message>
    <message>
        <source>Tessera projects (*.tessera)</source>
        <translation>Tessera プロジェクト (*.tessera)</translation>
    </message>
    <message>
        <source>Tesseract</source>
        <translation>テッセラクト</translation>
    </message>
    <message>
        <source>%1 [read-only] - Tessera</source>
        <translation>%1 [読み取り専用] - Tessera</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message numerus="yes">
        <source>; %n problem(s) in the file</source>
        <translation>
            <numerusform>; ファイルに %n 件の問題</numerusform>
        </translation>
    </message>
    <message>
        <source>Lyrics imported with problems</source>
        <translation>歌詞を読み込みましたが、問題があります</translation>
    </message>
    <message numerus="yes">
        <source>%1

%n line(s) of the file could not be read as they are:</source>
        <translation>
            <numerusform>%1

ファイルの %n 行をそのままでは読み取れませんでした:</numerusform>
        </translation>
    </message>
    <message>
        <source>Perform Live</source>
        <translation>ライブ演奏</translation>
    </message>
    <message>
        <source>Open a project with segments first: the show plays its grids.</source>
        <translation>先にセグメントのあるプロジェクトを開いてください。ショーはそのグリッドを再生します。</translation>
    </message>
</context>
<context>
    <name>tessera::ModelPickerModel</name>
    <message>
        <source>%1: not a LoRA or embedding in the model folders</source>
        <translation>%1: モデルフォルダー内のLoRAまたは埋め込みではありません</translation>
    </message>
    <message>
        <source>Stop using LoRA %1</source>
        <translation>LoRA %1 の使用をやめる</translation>
    </message>
    <message>
        <source>Use LoRA %1</source>
        <translation>LoRA %1 を使う</translation>
    </message>
    <message>
        <source>Stop using embedding %1</source>
        <translation>埋め込み %1 の使用をやめる</translation>
    </message>
    <message>
        <source>Use embedding %1</source>
        <translation>埋め込み %1 を使う</translation>
    </message>
</context>
<context>
    <name>tessera::NewProjectDialog</name>
    <message>
        <source>Browse...</source>
        <translation>参照...</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>新規プロジェクト</translation>
    </message>
    <message>
        <source>WAV, FLAC, MP3, Ogg... anything FFmpeg reads</source>
        <translation>WAV、FLAC、MP3、Ogg など、FFmpeg で読み込める形式</translation>
    </message>
    <message>
        <source>Optional: LRC, SRT or plain text; without it the song is one segment</source>
        <translation>省略可：LRC、SRT またはプレーンテキスト。指定しない場合、曲全体が 1 つのセグメントになります</translation>
    </message>
    <message>
        <source>24 fps</source>
        <translation>24 fps</translation>
    </message>
    <message>
        <source>25 fps</source>
        <translation>25 fps</translation>
    </message>
    <message>
        <source>29.97 fps</source>
        <translation>29.97 fps</translation>
    </message>
    <message>
        <source>30 fps</source>
        <translation>30 fps</translation>
    </message>
    <message>
        <source>60 fps</source>
        <translation>60 fps</translation>
    </message>
    <message>
        <source>1920 x 1080 (HD)</source>
        <translation>1920 x 1080（HD）</translation>
    </message>
    <message>
        <source>1280 x 720</source>
        <translation>1280 x 720</translation>
    </message>
    <message>
        <source>3840 x 2160 (4K UHD)</source>
        <translation>3840 x 2160（4K UHD）</translation>
    </message>
    <message>
        <source>1080 x 1920 (vertical)</source>
        <translation>1080 x 1920（縦長）</translation>
    </message>
    <message>
        <source>1080 x 1080 (square)</source>
        <translation>1080 x 1080（正方形）</translation>
    </message>
    <message>
        <source>&amp;Song:</source>
        <translation>曲(&amp;S):</translation>
    </message>
    <message>
        <source>Audio (*.wav *.flac *.mp3 *.ogg *.opus *.m4a *.aac *.aif *.aiff);;All files (*)</source>
        <translation>オーディオ (*.wav *.flac *.mp3 *.ogg *.opus *.m4a *.aac *.aif *.aiff);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>&amp;Lyrics:</source>
        <translation>歌詞(&amp;L):</translation>
    </message>
    <message>
        <source>Lyrics (*.lrc *.srt *.txt);;All files (*)</source>
        <translation>歌詞 (*.lrc *.srt *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>&amp;Project file:</source>
        <translation>プロジェクトファイル(&amp;P):</translation>
    </message>
    <message>
        <source>Tessera projects (*.tessera)</source>
        <translation>Tessera プロジェクト (*.tessera)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Frame rate:</source>
        <translation>フレームレート(&amp;F):</translation>
    </message>
    <message>
        <source>Output &amp;size:</source>
        <translation>出力サイズ(&amp;S):</translation>
    </message>
    <message>
        <source>%1: no such song file</source>
        <translation>%1: 曲ファイルが見つかりません</translation>
    </message>
    <message>
        <source>%1: the song cannot be read (permissions)</source>
        <translation>%1: 曲を読み込めません（アクセス権）</translation>
    </message>
    <message>
        <source>%1: no such lyrics file</source>
        <translation>%1: 歌詞ファイルが見つかりません</translation>
    </message>
    <message>
        <source>%1: a file of that name exists already</source>
        <translation>%1: 同じ名前のファイルが既に存在します</translation>
    </message>
    <message>
        <source>%1: the folder does not exist</source>
        <translation>%1: フォルダが存在しません</translation>
    </message>
</context>
<context>
    <name>tessera::PerformConsole</name>
    <message>
        <source>Loudness</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Low band</source>
        <translation>低域</translation>
    </message>
    <message>
        <source>Mid band</source>
        <translation>中域</translation>
    </message>
    <message>
        <source>High band</source>
        <translation>高域</translation>
    </message>
    <message>
        <source>Onsets</source>
        <translation>アタック</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>明るさ</translation>
    </message>
    <message>
        <source>Tessera — Perform</source>
        <translation>Tessera — ライブ</translation>
    </message>
    <message>
        <source>Set-up</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>&amp;Listen</source>
        <translation>入力開始(&amp;L)</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>入力:</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>入力していません</translation>
    </message>
    <message>
        <source>The system offers no audio input</source>
        <translation>システムに音声入力がありません</translation>
    </message>
    <message>
        <source>Window (rehearsal)</source>
        <translation>ウィンドウ(リハーサル)</translation>
    </message>
    <message>
        <source>%1 (%2x%3, %4 Hz)</source>
        <translation>%1 (%2×%3, %4 Hz)</translation>
    </message>
    <message>
        <source>&amp;Open Output</source>
        <translation>出力を開く(&amp;O)</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>出力:</translation>
    </message>
    <message>
        <source>Automatic (half size when full frames cannot keep up)</source>
        <translation>自動(フルサイズが間に合わないときは半分)</translation>
    </message>
    <message>
        <source>Full size</source>
        <translation>フルサイズ</translation>
    </message>
    <message>
        <source>Half size, scaled up (faster)</source>
        <translation>半分のサイズを拡大(高速)</translation>
    </message>
    <message>
        <source>Frame size:</source>
        <translation>フレームサイズ:</translation>
    </message>
    <message>
        <source>Listen for &amp;OSC</source>
        <translation>OSC を受信(&amp;O)</translation>
    </message>
    <message>
        <source>Listen for &amp;MIDI</source>
        <translation>MIDI を受信(&amp;M)</translation>
    </message>
    <message>
        <source>Cues:</source>
        <translation>キュー:</translation>
    </message>
    <message>
        <source>Keys only: Space start, H hold, ←/→ previous/next, 1–9 segments, ,/. nudge</source>
        <translation>キーのみ: スペースで開始、H で保持、←/→ で前/次、1–9 でセグメント、,/. で微調整</translation>
    </message>
    <message>
        <source>Input features</source>
        <translation>入力の特徴量</translation>
    </message>
    <message>
        <source>Playing</source>
        <translation>再生中</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 前へ</translation>
    </message>
    <message>
        <source>Start ▶</source>
        <translation>開始 ▶</translation>
    </message>
    <message>
        <source>Hold ■</source>
        <translation>保持 ■</translation>
    </message>
    <message>
        <source>Next ▶▶</source>
        <translation>次へ ▶▶</translation>
    </message>
    <message>
        <source>Listening to %1</source>
        <translation>%1 を入力中</translation>
    </message>
    <message>
        <source>Output full screen on %1</source>
        <translation>%1 に全画面で出力</translation>
    </message>
    <message>
        <source>Output in a window</source>
        <translation>ウィンドウに出力</translation>
    </message>
    <message>
        <source>OSC on UDP port %1: /tessera/start, /stop, /next, /previous, /segment N, /nudge S</source>
        <translation>UDP ポート %1 で OSC: /tessera/start, /stop, /next, /previous, /segment N, /nudge S</translation>
    </message>
    <message>
        <source>OSC on UDP port %1</source>
        <translation>UDP ポート %1 で OSC</translation>
    </message>
    <message>
        <source>MIDI on %1: note C1 (36) + N or program change N picks segment N + 1</source>
        <translation>%1 で MIDI: ノート C1 (36) + N またはプログラムチェンジ N でセグメント N + 1</translation>
    </message>
    <message>
        <source>MIDI on %1</source>
        <translation>%1 で MIDI</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>(instrumental)</source>
        <translation>（インスト）</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <translation>%1「%2」</translation>
    </message>
    <message>
        <source> — column %1 of %2, row %3 of %4</source>
        <translation> — 列 %1/%2、行 %3/%4</translation>
    </message>
    <message>
        <source>&lt;b&gt;Now:&lt;/b&gt; %1%2 (%3)</source>
        <translation>&lt;b&gt;現在:&lt;/b&gt; %1%2(%3)</translation>
    </message>
    <message>
        <source>following the timeline</source>
        <translation>タイムラインに追従</translation>
    </message>
    <message>
        <source>held</source>
        <translation>保持中</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;次:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>コンソール</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Burn in the lyrics</source>
        <translation>歌詞を焼き込む</translation>
    </message>
    <message>
        <source>The project&apos;s captions are off (Export Video turns them on)</source>
        <translation>プロジェクトの字幕はオフです(ビデオの書き出しでオンにできます)</translation>
    </message>
    <message>
        <source>Captions:</source>
        <translation>字幕:</translation>
    </message>
</context>
<context>
    <name>tessera::PerformOutputWindow</name>
    <message>
        <source>Tessera — Output</source>
        <translation>Tessera — 出力</translation>
    </message>
    <message>
        <source>Output window key</source>
        <translation>出力ウィンドウのキー</translation>
    </message>
</context>
<context>
    <name>tessera::PerformSession</name>
    <message>
        <source>start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <source>segment %1</source>
        <translation>セグメント %1</translation>
    </message>
    <message>
        <source>nudge %1 s</source>
        <translation>%1 秒ずらす</translation>
    </message>
    <message>
        <source>OSC: %1 names no cue</source>
        <translation>OSC: %1 はキューではありません</translation>
    </message>
</context>
<context>
    <name>tessera::PlaybackController</name>
    <message>
        <source>Audio playback failed (%1): the preview plays silently on the wall clock</source>
        <translation>オーディオを再生できません（%1）：プレビューはシステム時計に合わせて無音で再生されます</translation>
    </message>
    <message>
        <source>No audio output device: the preview plays silently on the wall clock</source>
        <translation>オーディオ出力デバイスがありません：プレビューはシステム時計に合わせて無音で再生されます</translation>
    </message>
</context>
<context>
    <name>tessera::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>環境設定</translation>
    </message>
    <message>
        <source>Folders holding diffusers-layout models (a model_index.json in each model&apos;s folder)</source>
        <translation>diffusers 形式のモデルを含むフォルダー（各モデルのフォルダーに model_index.json があるもの）</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>追加...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>$OCIO, else the bundled config</source>
        <translation>$OCIO、未設定の場合は同梱の設定</translation>
    </message>
    <message>
        <source>The OpenColorIO config for projects that name none of their own</source>
        <translation>独自の設定を指定していないプロジェクトで使う OpenColorIO 設定</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>参照...</translation>
    </message>
    <message>
        <source>One per core (%1)</source>
        <translation>コアごとに 1 つ（%1）</translation>
    </message>
    <message>
        <source>Threads the diffusion model computes with; applies to projects opened from now on</source>
        <translation>拡散モデルの計算に使うスレッド数。これ以降に開くプロジェクトに適用されます</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Memory for decoded, graded cells the preview keeps; more makes scrubbing smoother</source>
        <translation>プレビューが保持するデコード・グレード済みセル用のメモリ。多いほどスクラブが滑らかになります</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>Model folders</source>
        <translation>モデルフォルダー</translation>
    </message>
    <message>
        <source>Colour config</source>
        <translation>カラー設定</translation>
    </message>
    <message>
        <source>Generation threads</source>
        <translation>生成スレッド数</translation>
    </message>
    <message>
        <source>Preview cache</source>
        <translation>プレビューキャッシュ</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>A new language shows after the studio is restarted.</source>
        <translation>言語の変更はスタジオの再起動後に反映されます。</translation>
    </message>
    <message>
        <source>Add Model Folder</source>
        <translation>モデルフォルダーを追加</translation>
    </message>
    <message>
        <source>Colour Config</source>
        <translation>カラー設定</translation>
    </message>
    <message>
        <source>OpenColorIO configs (*.ocio)</source>
        <translation>OpenColorIO 設定 (*.ocio)</translation>
    </message>
    <message>
        <source>Float32 (exact)</source>
        <translation>Float32（厳密）</translation>
    </message>
    <message>
        <source>Automatic: bf16 on this CPU (faster)</source>
        <translation>自動: この CPU では bf16（高速）</translation>
    </message>
    <message>
        <source>Automatic: float32 on this CPU (no bf16 instructions)</source>
        <translation>自動: この CPU では float32（bf16 命令なし）</translation>
    </message>
    <message>
        <source>bf16 (faster on this CPU)</source>
        <translation>bf16（この CPU で高速）</translation>
    </message>
    <message>
        <source>bf16 (emulated on this CPU: slower)</source>
        <translation>bf16（この CPU ではエミュレーション: 低速）</translation>
    </message>
    <message>
        <source>The number type the diffusion model computes new cells in; it is part of each cell&apos;s recipe. bf16 images differ slightly from float32 ones (as diffusers&apos; do).</source>
        <translation>拡散モデルが新しいセルを計算する数値型です。各セルのレシピの一部になります。bf16 の画像は float32 の画像とわずかに異なります（diffusers と同様）。</translation>
    </message>
    <message>
        <source>Generation precision</source>
        <translation>生成の精度</translation>
    </message>
</context>
<context>
    <name>tessera::PreviewPanel</name>
    <message>
        <source>Loading the project…</source>
        <translation>プロジェクトを読み込んでいます…</translation>
    </message>
    <message>
        <source>The preview cannot compose this project</source>
        <translation>このプロジェクトはプレビューで合成できません</translation>
    </message>
    <message>
        <source>This frame cannot be composed</source>
        <translation>このフレームは合成できません</translation>
    </message>
    <message>
        <source>Segment %1 has no generated images yet</source>
        <translation>セグメント %1 にはまだ生成された画像がありません</translation>
    </message>
    <message>
        <source>Generate its %1 × %2 grid to see it here</source>
        <translation>%1 × %2 のグリッドを生成すると、ここに表示されます</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 fps</translation>
    </message>
    <message>
        <source>– fps</source>
        <translation>– fps</translation>
    </message>
    <message>
        <source>%1   %2   %3 dropped   %4 px</source>
        <translation>%1   %2   ドロップ %3   %4 px</translation>
    </message>
</context>
<context>
    <name>tessera::ProjectSummaryView</name>
    <message>
        <source>Untitled project</source>
        <translation>無題のプロジェクト</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>開いているプロジェクトはありません</translation>
    </message>
    <message>
        <source>Create a project with File &gt; New, or open one with File &gt; Open.</source>
        <translation>［ファイル］&gt;［新規］でプロジェクトを作成するか、［ファイル］&gt;［開く］で開いてください。</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>generating</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>不採用</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>ロック</translation>
    </message>
    <message>
        <source>File:      %1 (schema %2)</source>
        <translation>ファイル:    %1（スキーマ %2）</translation>
    </message>
    <message>
        <source>Output:    %1x%2 at %3 fps</source>
        <translation>出力:        %1x%2、%3 fps</translation>
    </message>
    <message>
        <source>Song:      %1</source>
        <translation>曲:          %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Model:     %1</source>
        <translation>モデル:      %1</translation>
    </message>
    <message>
        <source>(bundled default)</source>
        <translation>（同梱の既定モデル）</translation>
    </message>
    <message>
        <source>Style:     %1</source>
        <translation>スタイル:    %1</translation>
    </message>
    <message>
        <source>Segments:  %1, ending at %2</source>
        <translation>セグメント:  %1、終了 %2</translation>
    </message>
    <message>
        <source>Cells:     %1%2, %3 versions</source>
        <translation>セル:        %1%2、%3 バージョン</translation>
    </message>
    <message>
        <source>(instrumental)</source>
        <translation>（インスト）</translation>
    </message>
</context>
<context>
    <name>tessera::PromptEditorModel</name>
    <message>
        <source>%1: a grid has 1 to %2 rows and columns, not %3 x %4</source>
        <translation>%1: グリッドの行数と列数は 1～%2 です（%3 x %4 は指定できません）</translation>
    </message>
    <message>
        <source>%1: the project has no stem &quot;%2&quot;</source>
        <translation>%1: プロジェクトにステム「%2」がありません</translation>
    </message>
    <message>
        <source>%1: segment %2: %3</source>
        <translation>%1: セグメント %2: %3</translation>
    </message>
</context>
<context>
    <name>tessera::PromptEditorPanel</name>
    <message>
        <source>The image prompt; empty uses the lyric. (word:1.3) weights a word</source>
        <translation>画像のプロンプト。空欄の場合は歌詞を使います。(word:1.3) で単語に重みを付けます</translation>
    </message>
    <message>
        <source>From lyric</source>
        <translation>歌詞から</translation>
    </message>
    <message>
        <source>Start the prompt again from the segment&apos;s lyric</source>
        <translation>セグメントの歌詞からプロンプトを作り直します</translation>
    </message>
    <message>
        <source>Appended to every segment&apos;s prompt, e.g. cinematic, 35mm, teal and orange</source>
        <translation>すべてのセグメントのプロンプトに追加されます（例: cinematic, 35mm, teal and orange）</translation>
    </message>
    <message>
        <source>What no image should show, e.g. text, watermark, blurry</source>
        <translation>どの画像にも含めたくないもの（例: text, watermark, blurry）</translation>
    </message>
    <message>
        <source>The noise seed every cell shares, so neighbouring cells look alike</source>
        <translation>すべてのセルが共有するノイズのシード。隣り合うセルが似た見た目になります</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>新しいシード</translation>
    </message>
    <message>
        <source>Pick a random seed: a new look for the whole grid</source>
        <translation>ランダムなシードを選択：グリッド全体の見た目が変わります</translation>
    </message>
    <message>
        <source>Rows: the steps of the Y axis</source>
        <translation>行数：Y 軸のステップ数</translation>
    </message>
    <message>
        <source>Columns: the steps of the X axis</source>
        <translation>列数：X 軸のステップ数</translation>
    </message>
    <message>
        <source>X axis (columns)</source>
        <translation>X 軸（列）</translation>
    </message>
    <message>
        <source>Y axis (rows)</source>
        <translation>Y 軸（行）</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>グリッド</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>スタイル</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>ネガティブ</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Select a segment in the timeline to edit its prompt, seed, grid and axes.</source>
        <translation>タイムラインでセグメントを選択すると、プロンプト、シード、グリッド、軸を編集できます。</translation>
    </message>
    <message>
        <source>Segment %1  ·  %2 – %3</source>
        <translation>セグメント %1  ·  %2 – %3</translation>
    </message>
    <message>
        <source>Instrumental</source>
        <translation>インスト</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>「%1」</translation>
    </message>
    <message>
        <source>%1 cells</source>
        <translation>%1 セル</translation>
    </message>
    <message>
        <source>Morph</source>
        <translation>モーフ</translation>
    </message>
    <message>
        <source>Dissolve</source>
        <translation>ディゾルブ</translation>
    </message>
    <message>
        <source>How neighbouring cells give way to each other as the axes move. Morph moves each cell&apos;s content along the optical flow toward the next, so a subject that moved between cells moves; where no motion explains the change it dissolves. Dissolve mixes them in place.</source>
        <translation>軸が動くとき隣り合うセルがどう移り変わるか。モーフは各セルの内容をオプティカルフローに沿って次のセルへ動かすので、セル間で動いた被写体は動いて見えます。変化が動きで説明できない所ではディゾルブします。ディゾルブはその場で混ぜます。</translation>
    </message>
    <message>
        <source>Between cells</source>
        <translation>セル間</translation>
    </message>
</context>
<context>
    <name>tessera::RefineGridCommand</name>
    <message>
        <source>Refine segment %1 to %2 x %3</source>
        <translation>セグメント %1 を %2 × %3 に細分化</translation>
    </message>
    <message>
        <source>segment %1&apos;s grid is %2 x %3, not the %4 x %5 this step refines</source>
        <translation>セグメント %1 のグリッドは %2 × %3 で、この操作が細分化する %4 × %5 ではありません</translation>
    </message>
    <message numerus="yes">
        <source>%n new cell(s) of segment %1 already have an image, which taking the refinement back would delete; the refined grid stays</source>
        <translation>
            <numerusform>セグメント %1 の新しいセルのうち %n 個にはすでに画像があり、細分化を取り消すと削除されます。細分化したグリッドはそのままです</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::SetCellCurationCommand</name>
    <message>
        <source>no cell with id %1</source>
        <translation>ID %1 のセルはありません</translation>
    </message>
</context>
<context>
    <name>tessera::SetProjectModelCommand</name>
    <message>
        <source>Use the bundled model</source>
        <translation>同梱モデルを使用</translation>
    </message>
    <message>
        <source>Use model %1</source>
        <translation>モデル %1 を使用</translation>
    </message>
</context>
<context>
    <name>tessera::SetProjectPromptCommand</name>
    <message>
        <source>Edit style prompt</source>
        <translation>スタイルプロンプトを編集</translation>
    </message>
    <message>
        <source>Edit negative prompt</source>
        <translation>ネガティブプロンプトを編集</translation>
    </message>
</context>
<context>
    <name>tessera::SetSegmentPromptCommand</name>
    <message>
        <source>Edit prompt of segment %1</source>
        <translation>セグメント %1 のプロンプトを編集</translation>
    </message>
    <message>
        <source>Set seed of segment %1 to %2</source>
        <translation>セグメント %1 のシードを %2 に設定</translation>
    </message>
    <message>
        <source>Set grid of segment %1 to %2 x %3</source>
        <translation>セグメント %1 のグリッドを %2 x %3 に設定</translation>
    </message>
    <message>
        <source>Edit X axis of segment %1</source>
        <translation>セグメント %1 の X 軸を編集</translation>
    </message>
    <message>
        <source>Edit Y axis of segment %1</source>
        <translation>セグメント %1 の Y 軸を編集</translation>
    </message>
    <message>
        <source>segment %1 no longer exists</source>
        <translation>セグメント %1 はもう存在しません</translation>
    </message>
    <message numerus="yes">
        <source>a %1 x %2 grid would delete %n generated cell(s) of segment %3; reject or regenerate them in the grid browser first</source>
        <translation>
            <numerusform>%1 x %2 のグリッドにするとセグメント %3 の生成済みセル %n 個が削除されます。先にグリッドブラウザーで不採用にするか再生成してください</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit camera of segment %1</source>
        <translation>セグメント %1 のカメラを編集</translation>
    </message>
    <message>
        <source>Morph between the cells of segment %1</source>
        <translation>セグメント %1 のセル間をモーフ</translation>
    </message>
    <message>
        <source>Dissolve between the cells of segment %1</source>
        <translation>セグメント %1 のセル間をディゾルブ</translation>
    </message>
</context>
<context>
    <name>tessera::StudioActions</name>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Tap Timing</source>
        <translation>タップでタイミング</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>View</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>ヘルプ</translation>
    </message>
    <message>
        <source>Grid browser</source>
        <translation>グリッドブラウザー</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>ビューア</translation>
    </message>
    <message>
        <source>Perform Live (console and output)</source>
        <translation>ライブ演奏(コンソールと出力)</translation>
    </message>
    <message>
        <source>&amp;New Project from Song...</source>
        <translation>曲から新規プロジェクト(&amp;N)...</translation>
    </message>
    <message>
        <source>Create a project from a song and its lyrics</source>
        <translation>曲と歌詞からプロジェクトを作成します</translation>
    </message>
    <message>
        <source>New &amp;Empty Project...</source>
        <translation>新規空白プロジェクト(&amp;E)...</translation>
    </message>
    <message>
        <source>&amp;Open Project...</source>
        <translation>プロジェクトを開く(&amp;O)...</translation>
    </message>
    <message>
        <source>&amp;Export Video...</source>
        <translation>ビデオを書き出し(&amp;X)...</translation>
    </message>
    <message>
        <source>Render the music video to a file</source>
        <translation>ミュージックビデオをファイルにレンダリングします</translation>
    </message>
    <message>
        <source>Import &amp;Lyrics...</source>
        <translation>歌詞を読み込み(&amp;L)...</translation>
    </message>
    <message>
        <source>Replace the timeline with the lines of a lyrics file</source>
        <translation>タイムラインを歌詞ファイルの行で置き換えます</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>取り消し(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>環境設定(&amp;P)...</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>ズームイン(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>ズームアウト(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit Song</source>
        <translation>曲全体を表示(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Split at Playhead</source>
        <translation>再生ヘッドで分割(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Merge with Next</source>
        <translation>次と結合(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Rename Lyric...</source>
        <translation>歌詞を編集(&amp;R)...</translation>
    </message>
    <message>
        <source>Snap to &amp;Beats</source>
        <translation>ビートにスナップ(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Tap Timing</source>
        <translation>タップでタイミング(&amp;T)</translation>
    </message>
    <message>
        <source>Play the song and press Return at the start of each line, Shift+Return at its end, Backspace to take back a tap, Escape to apply</source>
        <translation>曲を再生し、各行の開始で Return、終了で Shift+Return を押します。Backspace でタップを取り消し、Escape で適用します</translation>
    </message>
    <message>
        <source>Mark the start of the next line</source>
        <translation>次の行の開始をマーク</translation>
    </message>
    <message>
        <source>Mark the end of the line</source>
        <translation>行の終了をマーク</translation>
    </message>
    <message>
        <source>Take back the last tap</source>
        <translation>最後のタップを取り消す</translation>
    </message>
    <message>
        <source>Apply the taps</source>
        <translation>タップを適用</translation>
    </message>
    <message>
        <source>Play/Pause</source>
        <translation>再生/一時停止</translation>
    </message>
    <message>
        <source>Play or pause the song</source>
        <translation>曲を再生または一時停止します</translation>
    </message>
    <message>
        <source>Shuttle Backwards</source>
        <translation>逆方向にシャトル</translation>
    </message>
    <message>
        <source>Play backwards; press again to go faster</source>
        <translation>逆再生します。もう一度押すと速くなります</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop where the playhead is</source>
        <translation>再生ヘッドの位置で停止します</translation>
    </message>
    <message>
        <source>Shuttle Forwards</source>
        <translation>順方向にシャトル</translation>
    </message>
    <message>
        <source>Play forwards; press again for 2x and 4x</source>
        <translation>順再生します。もう一度押すと 2 倍、4 倍になります</translation>
    </message>
    <message>
        <source>Previous Frame</source>
        <translation>前のフレーム</translation>
    </message>
    <message>
        <source>Next Frame</source>
        <translation>次のフレーム</translation>
    </message>
    <message>
        <source>Loop Selected Segment</source>
        <translation>選択したセグメントをループ</translation>
    </message>
    <message>
        <source>Play the selected segment over and over</source>
        <translation>選択したセグメントを繰り返し再生します</translation>
    </message>
    <message>
        <source>&amp;Perform Live…</source>
        <translation>ライブ演奏(&amp;P)…</translation>
    </message>
    <message>
        <source>Play the project&apos;s grids live, driven by an audio input, on a second screen</source>
        <translation>プロジェクトのグリッドをオーディオ入力に合わせて 2 台目の画面でライブ再生します</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>レイアウトをリセット(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Project</source>
        <translation>デモプロジェクトを開く(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;About Tessera</source>
        <translation>Tessera について(&amp;A)</translation>
    </message>
    <message>
        <source>Reject the selected cells, or accept them again</source>
        <translation>選択したセルを不採用にする、または再び採用する</translation>
    </message>
    <message>
        <source>Lock or unlock the selected cells</source>
        <translation>選択したセルをロックまたはロック解除</translation>
    </message>
    <message>
        <source>Regenerate the selected cells</source>
        <translation>選択したセルを再生成</translation>
    </message>
    <message>
        <source>Repair the selected cells from their neighbours</source>
        <translation>選択したセルを隣接セルから修復</translation>
    </message>
    <message>
        <source>Next suspect cell</source>
        <translation>次の疑わしいセル</translation>
    </message>
    <message>
        <source>Suspects first, or grid order</source>
        <translation>疑わしいセルを先に、またはグリッド順</translation>
    </message>
    <message>
        <source>Show or hide the neighbours&apos; similarity</source>
        <translation>隣接セルとの類似度を表示または非表示</translation>
    </message>
    <message>
        <source>Next compare mode</source>
        <translation>次の比較モード</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>ウィンドウに合わせる</translation>
    </message>
    <message>
        <source>Actual pixels</source>
        <translation>実際のピクセル</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>拡大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Exposure up a quarter stop</source>
        <translation>露出を 1/4 段上げる</translation>
    </message>
    <message>
        <source>Exposure down a quarter stop</source>
        <translation>露出を 1/4 段下げる</translation>
    </message>
    <message>
        <source>Exposure up a stop</source>
        <translation>露出を 1 段上げる</translation>
    </message>
    <message>
        <source>Exposure down a stop</source>
        <translation>露出を 1 段下げる</translation>
    </message>
    <message>
        <source>Gamma up</source>
        <translation>ガンマを上げる</translation>
    </message>
    <message>
        <source>Gamma down</source>
        <translation>ガンマを下げる</translation>
    </message>
    <message>
        <source>Reset exposure and gamma</source>
        <translation>露出とガンマをリセット</translation>
    </message>
    <message>
        <source>Show clipping</source>
        <translation>クリッピングを表示</translation>
    </message>
    <message>
        <source>Compare: flip between the two</source>
        <translation>比較: 2 つを切り替え</translation>
    </message>
    <message>
        <source>Compare: split view</source>
        <translation>比較: 分割表示</translation>
    </message>
    <message>
        <source>Follow the timeline from the segment&apos;s start</source>
        <translation>セグメントの先頭からタイムラインに追従</translation>
    </message>
    <message>
        <source>Hold the segment on screen</source>
        <translation>セグメントを画面に保持</translation>
    </message>
    <message>
        <source>Previous segment</source>
        <translation>前のセグメント</translation>
    </message>
    <message>
        <source>Next segment</source>
        <translation>次のセグメント</translation>
    </message>
    <message>
        <source>Jump to segment 1–9</source>
        <translation>セグメント 1–9 へ移動</translation>
    </message>
    <message>
        <source>Nudge the timeline by -0.1 s</source>
        <translation>タイムラインを -0.1 秒ずらす</translation>
    </message>
    <message>
        <source>Nudge the timeline by +0.1 s</source>
        <translation>タイムラインを +0.1 秒ずらす</translation>
    </message>
    <message>
        <source>Leave full screen, then close the output</source>
        <translation>全画面を解除し、次に出力を閉じる</translation>
    </message>
</context>
<context>
    <name>tessera::StudioMain</name>
    <message>
        <source>Tessera studio</source>
        <translation>Tessera スタジオ</translation>
    </message>
    <message>
        <source>A .tessera project to open.</source>
        <translation>開く .tessera プロジェクト。</translation>
    </message>
    <message>
        <source>Show the studio in this language for this run (%1), whatever the preferences say.</source>
        <translation>環境設定にかかわらず、今回の起動ではこの言語（%1）でスタジオを表示します。</translation>
    </message>
    <message>
        <source>Open the project with the default layout, save the window as PNG once the preview and the timeline have painted, print the opening times and quit.</source>
        <translation>既定のレイアウトでプロジェクトを開き、プレビューとタイムラインの描画後にウィンドウを PNG で保存し、開くまでの時間を出力して終了します。</translation>
    </message>
    <message>
        <source>With --screenshot: the playhead&apos;s position in seconds (default 0).</source>
        <translation>--screenshot と併用：再生ヘッドの位置（秒、既定値 0）。</translation>
    </message>
    <message>
        <source>With --screenshot: the window&apos;s size (default 1600x1000).</source>
        <translation>--screenshot と併用：ウィンドウのサイズ（既定値 1600x1000）。</translation>
    </message>
    <message>
        <source>With --screenshot: raise this panel first (gridDock, generationDock, viewerDock, promptDock, tesseractDock).</source>
        <translation>--screenshot と併用：先にこのパネルを前面に表示します（gridDock、generationDock、viewerDock、promptDock、tesseractDock）。</translation>
    </message>
    <message>
        <source>With --screenshot: save the Export Video dialog instead of the window.</source>
        <translation>--screenshot と併用：ウィンドウの代わりに「ビデオを書き出し」ダイアログを保存します。</translation>
    </message>
</context>
<context>
    <name>tessera::TesseractView</name>
    <message>
        <source>Drag to orbit · Ctrl+drag to pan · Wheel to zoom · Double-click to reset</source>
        <translation>ドラッグ: 回転 · Ctrl+ドラッグ: 移動 · ホイール: ズーム · ダブルクリック: リセット</translation>
    </message>
    <message>
        <source>Qt Quick draws with its software renderer here: the 3D scene needs OpenGL</source>
        <translation>この環境では Qt Quick がソフトウェアレンダラーで描画するため、3D シーンを表示できません (OpenGL が必要です)</translation>
    </message>
    <message>
        <source>instrumental</source>
        <translation>インスト</translation>
    </message>
    <message>
        <source>%1   segment %2 of %3   %4</source>
        <translation>%1   セグメント %2 / %3   %4</translation>
    </message>
</context>
<context>
    <name>tessera::TimelineView</name>
    <message>
        <source>Timeline: Ctrl+wheel or +/- to zoom, \ to fit the song, S to split at the playhead, M to merge with the next segment, F2 to edit a lyric, N to toggle snapping to beats.</source>
        <translation>タイムライン：Ctrl+ホイールまたは +/- でズーム、\ で曲全体を表示、S で再生ヘッドの位置で分割、M で次のセグメントと結合、F2 で歌詞を編集、N でビートへのスナップを切り替えます。</translation>
    </message>
    <message>
        <source>Lyric (empty: instrumental)</source>
        <translation>歌詞（空欄の場合はインスト）</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低域</translation>
    </message>
    <message>
        <source>mid</source>
        <translation>中域</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高域</translation>
    </message>
    <message>
        <source>onset</source>
        <translation>オンセット</translation>
    </message>
    <message>
        <source>frame %1</source>
        <translation>フレーム %1</translation>
    </message>
    <message>
        <source>instrumental</source>
        <translation>インスト</translation>
    </message>
    <message>
        <source>  (snapped to beat)</source>
        <translation>  （ビートにスナップ）</translation>
    </message>
    <message>
        <source>snap off (N)</source>
        <translation>スナップ オフ（N）</translation>
    </message>
    <message>
        <source>Tap timing: every line is tapped. Esc applies the timing.</source>
        <translation>タップでタイミング：すべての行をタップしました。Esc でタイミングを適用します。</translation>
    </message>
    <message>
        <source>Tap timing — Enter: start of &quot;%1&quot;</source>
        <translation>タップでタイミング — Enter：「%1」の開始</translation>
    </message>
    <message>
        <source>Shift+Enter or E: end of the current line · Backspace: take back the last tap · Esc: apply (%1 of %2 lines)</source>
        <translation>Shift+Enter または E：現在の行の終了 · Backspace：最後のタップを取り消し · Esc：適用（%1 / %2 行）</translation>
    </message>
</context>
<context>
    <name>tessera::VersionStrip</name>
    <message>
        <source>No versions yet</source>
        <translation>バージョンはまだありません</translation>
    </message>
    <message>
        <source>v%1 • active</source>
        <translation>v%1 • 使用中</translation>
    </message>
    <message>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <source>Version %1: seed %2, %3 steps, %4 ms
Click: make active · Ctrl+click: compare</source>
        <translation>バージョン %1：シード %2、%3 ステップ、%4 ms
クリック：アクティブにする · Ctrl+クリック：比較</translation>
    </message>
</context>
<context>
    <name>tessera::ViewerPanel</name>
    <message>
        <source>Clipping</source>
        <translation>クリッピング</translation>
    </message>
    <message>
        <source> stops</source>
        <translation> 段</translation>
    </message>
    <message>
        <source>Viewer exposure on top of the cell&apos;s grade ( ] and [ nudge by 1/4 stop, } and { by 1 stop)</source>
        <translation>セルのグレードに加えるビューアの露出（] と [ で 1/4 段、} と { で 1 段ずつ調整）</translation>
    </message>
    <message>
        <source>Viewer gamma ( &apos; and ; nudge by 0.1)</source>
        <translation>ビューアのガンマ（&apos; と ; で 0.1 ずつ調整）</translation>
    </message>
    <message>
        <source>Mark clipped highlights red and crushed shadows blue (C)</source>
        <translation>白飛びしたハイライトを赤、黒つぶれしたシャドウを青で表示（C）</translation>
    </message>
    <message>
        <source>No compare</source>
        <translation>比較なし</translation>
    </message>
    <message>
        <source>A/B toggle</source>
        <translation>A/B 切り替え</translation>
    </message>
    <message>
        <source>Split wipe</source>
        <translation>分割ワイプ</translation>
    </message>
    <message>
        <source>Compare with the B cell (Tab toggles, S splits)</source>
        <translation>B のセルと比較（Tab で切り替え、S で分割）</translation>
    </message>
    <message>
        <source>Cell A</source>
        <translation>セル A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>露出</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>ガンマ</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Segment %1, cell %2,%3</source>
        <translation>セグメント %1、セル %2,%3</translation>
    </message>
    <message>
        <source>Cell A, version %1 (%2)</source>
        <translation>セル A、バージョン %1（%2）</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>バージョン %1</translation>
    </message>
</context>
</TS>
