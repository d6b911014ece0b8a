// The tesseract view's scene: every segment's grid as a plane of textured tiles standing along the
// time axis (a big grid as one quad textured with a mosaic of its cells), a marker where the song stands in the current grid, its fading trail, and a rail
// with the playhead under the planes. Everything it shows comes from `scene` (TesseractScene in
// modules/ui, filled from TesseractLayout); this file only draws and forwards clicks.
import QtQuick
import QtQuick3D
import QtQuick3D.Helpers

Item {
    id: root

    readonly property color background: "#17171a"
    readonly property color accent: "#ff9a1f"    // the marker, its trail and the playhead
    readonly property color selection: "#3e7cc8" // the studio's highlight colour
    readonly property real railY: -0.32
    property alias view: view
    // Tile models instantiated, a mosaic counting one (the test compares it with the cells).
    readonly property int tileCount: tileRepeater.count + mosaicRepeater.count

    //! Where a point of the scene (a tile's centre) lands in the view, for tests and tooltips.
    function projectPoint(x, y, z) {
        const p = view.mapFrom3DScene(Qt.vector3d(x, y, z));
        return Qt.point(p.x, p.y);
    }

    function resetCamera() {
        orbit.position = Qt.vector3d(0, 0, 0);
        orbit.eulerRotation = Qt.vector3d(-12, -28, 0);
        camera.z = root.cameraDistance;
    }
    // Far enough back to see a 3x3 grid and its neighbours.
    readonly property real cameraDistance: 12.5

    View3D {
        id: view
        objectName: "view3d"
        anchors.fill: parent
        camera: camera

        environment: SceneEnvironment {
            backgroundMode: SceneEnvironment.Color
            clearColor: root.background
            // Multisampling costs Mesa's software OpenGL about 2.5x a frame: off while playing,
            // on for a still picture.
            antialiasingMode: scene.followSmoothly ? SceneEnvironment.NoAA : SceneEnvironment.MSAA
            antialiasingQuality: SceneEnvironment.Medium
        }

        DirectionalLight {
            eulerRotation: Qt.vector3d(-35, -25, 0)
            brightness: 1.2
        }
        DirectionalLight {
            eulerRotation: Qt.vector3d(20, 150, 0)
            brightness: 0.35
        }

        // The camera orbits a point that follows the current plane: the controller rotates,
        // pans and zooms relative to it, so the artist's view travels with the song.
        Node {
            id: rig
            objectName: "rig"
            x: scene.focus.x
            y: scene.focus.y
            Behavior on x {
                enabled: scene.followSmoothly
                SmoothedAnimation { velocity: 8 }
            }
            Behavior on y {
                enabled: scene.followSmoothly
                SmoothedAnimation { velocity: 8 }
            }
            Node {
                id: orbit
                eulerRotation: Qt.vector3d(-12, -28, 0)
                PerspectiveCamera {
                    id: camera
                    objectName: "camera"
                    z: root.cameraDistance
                    fieldOfView: 40
                    clipNear: 0.1
                    clipFar: 1000
                }
            }
        }

        // A dark board behind each grid; the current one lighter.
        Repeater3D {
            model: scene.planes
            delegate: Model {
                required property var modelData
                required property int index
                source: "#Rectangle"
                position: Qt.vector3d(modelData.x, modelData.y, -0.03)
                scale: Qt.vector3d((modelData.width + 0.22) / 100, (modelData.height + 0.22) / 100, 1)
                materials: DefaultMaterial {
                    lighting: DefaultMaterial.NoLighting
                    diffuseColor: index === scene.currentPlane ? "#4a4d55" : "#2b2b30"
                }
            }
        }

        // Segment labels above the planes: number and lyric.
        Repeater3D {
            model: scene.planes
            delegate: Node {
                required property var modelData
                required property int index
                position: Qt.vector3d(modelData.x - modelData.width / 2, modelData.y + modelData.height / 2 + 0.5, 0)
                scale: Qt.vector3d(0.01, 0.01, 0.01)
                Text {
                    text: modelData.label
                    color: index === scene.currentPlane ? "#f0f0f0" : "#9a9aa0"
                    font.pixelSize: 26
                    width: modelData.width * 100
                    elide: Text.ElideRight
                }
            }
        }

        // The cells, textured with their active versions; empty cells dark grey.
        Repeater3D {
            id: tileRepeater
            model: scene.tiles
            delegate: Model {
                required property var modelData
                required property int index
                readonly property int tileIndex: index
                objectName: "tile" + index
                source: "#Rectangle"
                position: Qt.vector3d(modelData.x, modelData.y, modelData.z)
                scale: Qt.vector3d(modelData.size / 100, modelData.size / 100, 1)
                materials: DefaultMaterial {
                    lighting: DefaultMaterial.NoLighting
                    // Grids away from the playhead recede a little.
                    diffuseColor: !modelData.hasImage ? "#3a3a40"
                        : modelData.plane === scene.currentPlane ? "#ffffff" : "#a8a8a8"
                    diffuseMap: modelData.hasImage ? texture : null
                    Texture {
                        id: texture
                        textureData: modelData.texture
                        minFilter: Texture.Linear
                        magFilter: Texture.Linear
                        generateMipmaps: true
                        mipFilter: Texture.Linear
                    }
                }
            }
        }

        // A big grid: one quad over the whole plane, its texture a mosaic of the cells (a model per
        // cell made the scene crawl). The gaps between the cells' patches are clear and cut out
        // (alpha mask, so the quad draws with the opaque models and hides nothing in front of it):
        // the board and the selection frame show through them as between tiles.
        Repeater3D {
            id: mosaicRepeater
            model: scene.mosaics
            delegate: Model {
                required property var modelData
                required property int index
                objectName: "mosaic" + index
                source: "#Rectangle"
                position: Qt.vector3d(modelData.x, modelData.y, 0)
                scale: Qt.vector3d(modelData.width / 100, modelData.height / 100, 1)
                materials: PrincipledMaterial {
                    lighting: PrincipledMaterial.NoLighting
                    baseColor: !modelData.hasImage ? "#3a3a40"
                        : modelData.plane === scene.currentPlane ? "#ffffff" : "#a8a8a8"
                    baseColorMap: modelData.hasImage ? mosaicTexture : null
                    alphaMode: PrincipledMaterial.Mask
                    alphaCutoff: 0.5
                    Texture {
                        id: mosaicTexture
                        textureData: modelData.texture
                        minFilter: Texture.Linear
                        magFilter: Texture.Linear
                        generateMipmaps: true
                        mipFilter: Texture.Linear
                    }
                }
            }
        }

        // The selected cell: a frame in the studio's highlight colour behind its tile.
        Model {
            objectName: "selection"
            visible: scene.selectedTile >= 0
            source: "#Rectangle"
            position: Qt.vector3d(scene.selectionCentre.x, scene.selectionCentre.y, -0.015)
            scale: Qt.vector3d((scene.selectionSize + 0.16) / 100, (scene.selectionSize + 0.16) / 100, 1)
            materials: DefaultMaterial {
                lighting: DefaultMaterial.NoLighting
                diffuseColor: root.selection
            }
        }

        // The time rail under the planes, with the segments' boundaries and the playhead.
        Model {
            source: "#Cube"
            position: Qt.vector3d((scene.railStart + scene.railEnd) / 2, root.railY, 0)
            scale: Qt.vector3d((scene.railEnd - scene.railStart) / 100, 0.0004, 0.0004)
            materials: DefaultMaterial {
                lighting: DefaultMaterial.NoLighting
                diffuseColor: "#5a5a62"
            }
        }
        Repeater3D {
            model: scene.planes
            delegate: Model {
                required property var modelData
                source: "#Cube"
                position: Qt.vector3d(modelData.slotStart, root.railY, 0)
                scale: Qt.vector3d(0.0006, 0.0016, 0.0006)
                materials: DefaultMaterial {
                    lighting: DefaultMaterial.NoLighting
                    diffuseColor: "#7a7a82"
                }
            }
        }
        Model {
            objectName: "playhead"
            source: "#Cube"
            position: Qt.vector3d(scene.playheadX, root.railY, 0)
            scale: Qt.vector3d(0.0012, 0.0028, 0.0012)
            materials: DefaultMaterial {
                lighting: DefaultMaterial.NoLighting
                diffuseColor: root.accent
            }
        }

        // The trail: where the marker was over the last second and a half, fading and shrinking.
        Repeater3D {
            model: scene.trailCount
            delegate: Model {
                required property int index
                readonly property var point: index < scene.trail.length ? scene.trail[index] : Qt.vector4d(0, 0, 0, 0)
                visible: point.w > 0.01
                source: "#Sphere"
                position: Qt.vector3d(point.x, point.y, point.z)
                scale: Qt.vector3d(0.0011 + 0.0017 * point.w, 0.0011 + 0.0017 * point.w, 0.0011 + 0.0017 * point.w)
                materials: DefaultMaterial {
                    lighting: DefaultMaterial.NoLighting
                    diffuseColor: root.accent
                    opacity: 0.25 + point.w * 0.75
                }
            }
        }

        // The marker: where the song stands in the grid now, a bright sphere on a dark disc so
        // that it reads on light and dark cells alike.
        Model {
            visible: scene.hasMarker
            source: "#Cylinder"
            position: Qt.vector3d(scene.marker.x, scene.marker.y, scene.marker.z - 0.07)
            eulerRotation: Qt.vector3d(90, 0, 0)
            scale: Qt.vector3d(0.0058, 0.0002, 0.0058)
            materials: DefaultMaterial {
                lighting: DefaultMaterial.NoLighting
                diffuseColor: "#121214"
                opacity: 0.8
            }
        }
        Model {
            id: marker
            objectName: "marker"
            visible: scene.hasMarker
            source: "#Sphere"
            position: scene.marker
            scale: Qt.vector3d(0.0038, 0.0038, 0.0038)
            materials: PrincipledMaterial {
                baseColor: root.accent
                emissiveFactor: Qt.vector3d(1.0, 0.55, 0.1)
                roughness: 0.4
            }
        }
    }

    OrbitCameraController {
        anchors.fill: view
        origin: orbit
        camera: camera
    }

    // Clicks on a tile select its cell: the ray through the clicked pixel goes to TesseractLayout.
    // Not View3D.pick: in Qt Quick 3D 6.4 it kept answering for the camera's first distance after
    // the wheel zoomed (mapTo3DScene follows the camera).
    TapHandler {
        onTapped: {
            const x = point.position.x;
            const y = point.position.y;
            scene.rayTapped(view.mapTo3DScene(Qt.vector3d(x, y, 0)), view.mapTo3DScene(Qt.vector3d(x, y, 10)));
        }
        onDoubleTapped: root.resetCamera()
    }

    Text {
        anchors { left: parent.left; top: parent.top; margins: 10 }
        text: scene.caption
        color: "#e6e6e6"
        font.pixelSize: 14
    }
    Text {
        anchors { right: parent.right; bottom: parent.bottom; margins: 8 }
        text: scene.hint
        color: "#8a8a90"
        font.pixelSize: 11
    }
}
